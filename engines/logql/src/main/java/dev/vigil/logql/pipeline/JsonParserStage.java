package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.JsonPath;
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
            ex.add(new PathExtraction(e.label(), JsonPath.parse(e.expression())));
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
}
