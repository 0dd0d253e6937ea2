package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vigil.alert.notify.GoJson;
import dev.vigil.gotemplate.GoFormat;
import dev.vigil.model.GoFloat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus API result printed as promtool prints it: {@code -o promql} is the Go client's
 * {@code model.Value.String()} ({@code up{instance="a", job="b"} => 1 @[1700000000.5]}), and
 * {@code -o json} its JSON encoding, one line.
 */
final class PromOutput {
    private PromOutput() {
    }

    /** The promql form of {@code data} ({@code resultType} and {@code result}), without the final newline. */
    static String promql(JsonNode data) {
        JsonNode result = data.path("result");
        return switch (data.path("resultType").asText()) {
            case "vector" -> {
                List<String> lines = new ArrayList<>();
                for (JsonNode s : result) {
                    lines.add(metric(s.path("metric")) + " => " + pair(s.path("value")));
                }
                yield String.join("\n", lines);
            }
            case "matrix" -> {
                List<String> streams = new ArrayList<>();
                for (JsonNode s : result) {
                    StringBuilder b = new StringBuilder(metric(s.path("metric"))).append(" =>");
                    for (JsonNode p : s.path("values")) {
                        b.append('\n').append(pair(p));
                    }
                    streams.add(b.toString());
                }
                yield String.join("\n", streams);
            }
            case "scalar" -> "scalar: " + pair(result);
            case "string" -> result.path(1).asText();
            default -> throw new IllegalArgumentException("unknown result type " + data.path("resultType").asText());
        };
    }

    /** The json form: the result alone, as the Go client's types marshal it. */
    static String json(JsonNode data) {
        JsonNode result = data.path("result");
        Object out = switch (data.path("resultType").asText()) {
            case "vector", "matrix" -> {
                ArrayNode a = GoJson.object().arrayNode();
                boolean vector = data.path("resultType").asText().equals("vector");
                for (JsonNode s : result) {
                    ObjectNode o = a.addObject();
                    ObjectNode m = o.putObject("metric");
                    sorted(s.path("metric")).forEach(m::put);
                    if (vector) {
                        jsonPair(o.putArray("value"), s.path("value"));
                    } else {
                        ArrayNode values = o.putArray("values");
                        s.path("values").forEach(p -> jsonPair(values.addArray(), p));
                    }
                }
                yield a;
            }
            case "string" -> {
                ArrayNode a = GoJson.object().arrayNode();
                a.addRawValue(new RawValue(time(result.path(0))));
                a.add(result.path(1).asText());
                yield a;
            }
            default -> {
                ArrayNode a = GoJson.object().arrayNode();
                jsonPair(a, result);
                yield a;
            }
        };
        return GoJson.write(out);
    }

    private static void jsonPair(ArrayNode into, JsonNode pair) {
        into.addRawValue(new RawValue(time(pair.path(0))));
        into.add(value(pair.path(1)));
    }

    /** model.Metric.String(): the name, then {@code label="value"} pairs sorted as strings, joined by ", ". */
    static String metric(JsonNode labels) {
        String name = labels.path("__name__").asText("");
        boolean hasName = labels.has("__name__");
        List<String> pairs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = labels.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__name__")) {
                pairs.add(e.getKey() + "=" + GoFormat.quote(e.getValue().asText()));
            }
        }
        if (pairs.isEmpty()) {
            return hasName ? name : "{}";
        }
        pairs.sort(null);
        return name + "{" + String.join(", ", pairs) + "}";
    }

    private static String pair(JsonNode p) {
        return value(p.path(1)) + " @[" + time(p.path(0)) + "]";
    }

    /** model.SampleValue.String(): strconv 'f', -1. */
    private static String value(JsonNode v) {
        return GoFloat.format(parse(v.asText()));
    }

    /** model.Time.String(): seconds, at most three decimals, as strconv 'f', -1 prints them. */
    private static String time(JsonNode t) {
        long ms = Math.round(t.asDouble() * 1000);
        return GoFloat.format(ms / 1000.0);
    }

    private static double parse(String v) {
        return switch (v) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    private static Map<String, String> sorted(JsonNode labels) {
        Map<String, String> m = new TreeMap<>();
        labels.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
