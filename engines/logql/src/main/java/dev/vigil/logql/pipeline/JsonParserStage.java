package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.ParseException;
import dev.vigil.logql.parser.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code | json}: every scalar of the JSON object becomes a label, nested keys joined with
 * {@code _} ({@code {"a":{"b":1}}} gives {@code a_b="1"}), arrays skipped. With parameters
 * ({@code | json x="a.b[0]"}) only the given paths are read; an object or array found there is
 * kept as its JSON text. A line that is not a JSON object gets {@code __error__="JSONParserErr"}.
 */
final class JsonParserStage implements PipelineStage {
    static final String ERROR = "JSONParserErr";

    private record PathExtraction(String label, List<Object> path) {
    }

    private final List<PathExtraction> extractions;

    JsonParserStage(Stage.Json json) {
        List<PathExtraction> ex = new ArrayList<>();
        for (Stage.Extraction e : json.params()) {
            ex.add(new PathExtraction(e.label(), parsePath(e.expression())));
        }
        this.extractions = List.copyOf(ex);
    }

    @Override
    public boolean process(LogLine entry) {
        Object root;
        try {
            root = Json.parse(entry.line());
        } catch (Json.JsonError e) {
            entry.labels().setError(ERROR);
            return true;
        }
        if (!(root instanceof Map<?, ?> obj)) {
            entry.labels().setError(ERROR);
            return true;
        }
        if (extractions.isEmpty()) {
            flatten("", obj, entry.labels());
            return true;
        }
        for (PathExtraction p : extractions) {
            Object v = root;
            for (Object step : p.path()) {
                if (step instanceof String key && v instanceof Map<?, ?> m) {
                    v = m.get(key);
                } else if (step instanceof Integer idx && v instanceof List<?> l && idx < l.size()) {
                    v = l.get(idx);
                } else {
                    v = null;
                }
                if (v == null) {
                    break;
                }
            }
            entry.labels().setExtracted(p.label(), v == null ? "" : scalarText(v));
        }
        return true;
    }

    private static String scalarText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == Json.NULL) {
            return "";
        }
        return Json.write(v);
    }

    private static void flatten(String prefix, Map<?, ?> obj, LabelsBuilder labels) {
        for (Map.Entry<?, ?> e : obj.entrySet()) {
            String key = LabelNames.sanitize((String) e.getKey(), prefix.isEmpty());
            String name = prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "_" + key;
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                flatten(name, m, labels);
            } else if (v instanceof List<?>) {
                continue;
            } else if (!name.isEmpty()) {
                labels.setExtracted(name, scalarText(v));
            }
        }
    }

    /** {@code a.b[0]["c d"]} into keys and indexes. */
    static List<Object> parsePath(String expr) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        StringBuilder ident = new StringBuilder();
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '.') {
                flush(ident, out);
                i++;
            } else if (c == '[') {
                flush(ident, out);
                int end = expr.indexOf(']', i);
                if (end < 0) {
                    throw new ParseException("invalid JSON expression " + expr + ": missing ]");
                }
                String inner = expr.substring(i + 1, end).trim();
                if (inner.startsWith("\"") && inner.endsWith("\"") && inner.length() >= 2) {
                    out.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        out.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw new ParseException("invalid JSON expression " + expr + ": bad index " + inner);
                    }
                }
                i = end + 1;
            } else {
                ident.append(c);
                i++;
            }
        }
        flush(ident, out);
        if (out.isEmpty()) {
            throw new ParseException("invalid JSON expression " + expr);
        }
        return out;
    }

    private static void flush(StringBuilder ident, List<Object> out) {
        if (ident.length() > 0) {
            out.add(ident.toString());
            ident.setLength(0);
        }
    }
}
