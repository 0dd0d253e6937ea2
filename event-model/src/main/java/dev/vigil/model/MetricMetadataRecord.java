package dev.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A metric family's metadata as {@code /api/v1/metadata} answers it (Prometheus's type name, HELP
 * and unit), on the compacted {@code vigil.metrics.metadata} topic: one record per tenant, family
 * and type, so every metrics-service instance knows what any collector or sender described.
 */
public record MetricMetadataRecord(String tenant, String family, String type, String help, String unit) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The topic key: the latest description of a family's type wins. */
    public byte[] key() {
        return (tenant + "\n" + family + "\n" + type).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        return JSON.createObjectNode().put("tenant", tenant).put("family", family).put("type", type).put("help", help).put("unit", unit)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws DecodeException when the bytes are not such a record */
    public static MetricMetadataRecord fromJson(byte[] json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (IOException e) {
            throw new DecodeException("not a metric metadata record: " + e.getMessage(), e);
        }
        if (o == null || !o.path("family").isTextual() || o.path("family").asText().isEmpty()) {
            throw new DecodeException("not a metric metadata record: no family", null);
        }
        return new MetricMetadataRecord(o.path("tenant").asText(""), o.path("family").asText(), o.path("type").asText("unknown"),
                o.path("help").asText(""), o.path("unit").asText(""));
    }
}
