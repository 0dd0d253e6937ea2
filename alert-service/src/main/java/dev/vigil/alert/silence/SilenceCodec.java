package dev.vigil.alert.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON for one silence, in the shape of Alertmanager's API v2 silence (matchers with
 * {@code isRegex}/{@code isEqual}); the value of a compacted state-topic record keyed by id.
 */
public final class SilenceCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SilenceCodec() {
    }

    public static String toJson(Silence s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        ArrayNode ms = o.putArray("matchers");
        for (LabelMatcher m : s.matchers()) {
            ObjectNode mo = ms.addObject();
            mo.put("name", m.name());
            mo.put("value", m.value());
            mo.put("isRegex", m.type() == MatchType.REGEX || m.type() == MatchType.NOT_REGEX);
            mo.put("isEqual", m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX);
        }
        o.put("startsAt", s.startsAt().toString());
        o.put("endsAt", s.endsAt().toString());
        o.put("updatedAt", s.updatedAt().toString());
        o.put("createdBy", s.createdBy());
        o.put("comment", s.comment());
        return o.toString();
    }

    /** @throws IllegalArgumentException when the JSON is not a silence */
    public static Silence fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<LabelMatcher> ms = new ArrayList<>();
            for (JsonNode m : o.path("matchers")) {
                boolean regex = m.path("isRegex").asBoolean(false);
                boolean equal = m.path("isEqual").asBoolean(true);
                MatchType t = regex ? (equal ? MatchType.REGEX : MatchType.NOT_REGEX) : (equal ? MatchType.EQUAL : MatchType.NOT_EQUAL);
                ms.add(new LabelMatcher(t, required(m, "name"), m.path("value").asText("")));
            }
            return new Silence(required(o, "id"), ms, Instant.parse(required(o, "startsAt")), Instant.parse(required(o, "endsAt")),
                    Instant.parse(required(o, "updatedAt")), o.path("createdBy").asText(""), o.path("comment").asText(""));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a silence: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return n.asText();
    }
}
