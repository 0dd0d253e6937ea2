package dev.vigil.alert.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for the alerts of one rule: the value of a compacted state-topic record keyed by
 * {@link RuleGroup#ruleKey}. Values are written as strings so NaN and infinities survive.
 */
public final class AlertStateCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertStateCodec() {
    }

    public static String toJson(List<AlertInstance> alerts) {
        ArrayNode arr = JSON.createArrayNode();
        for (AlertInstance a : alerts) {
            ObjectNode o = arr.addObject();
            ObjectNode l = o.putObject("labels");
            a.labels().forEach(x -> l.put(x.name(), x.value()));
            ObjectNode an = o.putObject("annotations");
            new java.util.TreeMap<>(a.annotations()).forEach(an::put);
            o.put("value", Double.toString(a.value()));
            o.put("state", a.state().apiName());
            o.put("activeAt", a.activeAt().toString());
            put(o, "firedAt", a.firedAt());
            put(o, "resolvedAt", a.resolvedAt());
            put(o, "lastSentAt", a.lastSentAt());
            put(o, "validUntil", a.validUntil());
            put(o, "keepFiringSince", a.keepFiringSince());
        }
        return arr.toString();
    }

    private static void put(ObjectNode o, String f, Optional<Instant> t) {
        t.ifPresent(v -> o.put(f, v.toString()));
    }

    /** @throws IllegalArgumentException when the JSON is not alert state */
    public static List<AlertInstance> fromJson(String json) {
        try {
            List<AlertInstance> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                Map<String, String> labels = new LinkedHashMap<>();
                o.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                Map<String, String> ann = new LinkedHashMap<>();
                o.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
                out.add(new AlertInstance(Labels.from(labels), ann, Double.parseDouble(o.path("value").asText("NaN")),
                        AlertState.valueOf(o.path("state").asText().toUpperCase(java.util.Locale.ROOT)),
                        Instant.parse(o.path("activeAt").asText()), time(o, "firedAt"), time(o, "resolvedAt"),
                        time(o, "lastSentAt"), time(o, "validUntil"), time(o, "keepFiringSince")));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not alert state: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> time(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(Instant.parse(n.asText()));
    }
}
