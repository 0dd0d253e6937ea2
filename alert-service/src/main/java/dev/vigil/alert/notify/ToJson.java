package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's {@code toJson} template function: Go's json.Marshal of the value, so
 * {@code {{ .Alerts.Firing | toJson }}} is the alerts with their JSON field names, maps with
 * sorted keys, times in RFC 3339.
 */
final class ToJson {
    private ToJson() {
    }

    static String apply(List<Object> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("wrong number of args for toJson: want 1 got " + args.size());
        }
        return GoJson.write(node(args.get(0)));
    }

    private static JsonNode node(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof TemplateData.AlertData a) {
            ObjectNode o = f.objectNode();
            o.put("status", a.status());
            o.set("labels", node(a.labels()));
            o.set("annotations", node(a.annotations()));
            o.put("startsAt", GoJson.time(a.startsAt()));
            o.put("endsAt", GoJson.time(a.endsAt()));
            o.put("generatorURL", a.generatorUrl());
            o.put("fingerprint", a.fingerprint());
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            new TreeMap<>(m.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue)))
                    .forEach((k, val) -> o.set(k, node(val)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(x -> a.add(node(x)));
            return a;
        }
        if (v instanceof Instant t) {
            return f.textNode(GoJson.time(t));
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Long || v instanceof Integer) {
            return f.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        return f.textNode(String.valueOf(v));
    }
}
