package dev.vigil.logql.pipeline;

import java.util.Map;

/**
 * {@code | unpack}: the line is a JSON object of string values (as Promtail's {@code pack} stage
 * writes it); each becomes a label and the {@code _entry} key becomes the line. Non-string values
 * are ignored; a line that is not a JSON object gets {@code __error__="JSONParserErr"}.
 */
final class UnpackStage implements PipelineStage {
    private static final String ENTRY_KEY = "_entry";

    @Override
    public boolean process(LogLine entry) {
        Object root;
        try {
            root = Json.parse(entry.line());
        } catch (Json.JsonError e) {
            entry.labels().setError(JsonParserStage.ERROR);
            return true;
        }
        if (!(root instanceof Map<?, ?> obj)) {
            entry.labels().setError(JsonParserStage.ERROR);
            return true;
        }
        for (Map.Entry<?, ?> e : obj.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                continue;
            }
            String key = (String) e.getKey();
            if (key.equals(ENTRY_KEY)) {
                entry.line(v);
            } else {
                entry.labels().setExtracted(LabelNames.sanitize(key, true), v);
            }
        }
        return true;
    }
}
