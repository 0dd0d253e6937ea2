package dev.vigil.logs.delete;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * One Loki log deletion request of a tenant: the lines of the streams {@code query} selects (and
 * its line filters keep) with a timestamp in [start, end] are deleted. Kept in the compacted
 * {@code vigil.logs.deletes} topic under {@link #key()}; times in milliseconds, as Loki keeps them.
 */
public record DeleteRequest(String tenant, String requestId, String query, long startMs, long endMs, long createdAtMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The topic key: one record per tenant and request, a tombstone cancels it. */
    public String key() {
        return key(tenant, requestId);
    }

    public static String key(String tenant, String requestId) {
        return tenant + "/" + requestId;
    }

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode().put("tenant", tenant).put("request_id", requestId).put("query", query)
                .put("start_ms", startMs).put("end_ms", endMs).put("created_at_ms", createdAtMs);
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the record is not a request this service wrote */
    public static DeleteRequest fromJson(byte[] json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a deletion request: " + e.getMessage(), e);
        }
        if (!o.path("request_id").isTextual() || !o.path("query").isTextual()) {
            throw new IllegalArgumentException("not a deletion request: no request_id or query"); // the query may be a secret itself
        }
        return new DeleteRequest(o.path("tenant").asText(""), o.path("request_id").asText(), o.path("query").asText(),
                o.path("start_ms").asLong(), o.path("end_ms").asLong(), o.path("created_at_ms").asLong());
    }
}
