package dev.vigil.model.json;

import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared pieces of the Prometheus and Loki API JSON, byte for byte as those servers write them. */
class ApiJsonTest {
    @Test
    void envelopeAroundStringsAndLabelSets() {
        assertEquals("{\"status\":\"success\",\"data\":[\"a\",\"b\"]}", text(ApiJson.strings(List.of("a", "b"))));
        assertEquals("{\"status\":\"success\",\"data\":[]}", text(ApiJson.strings(List.of())));
        assertEquals("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"x\"},{}]}",
                text(ApiJson.labelSets(List.of(Labels.of("__name__", "up", "job", "x"), Labels.EMPTY))));
    }

    @Test
    void pointTimesAreDecimalSecondsWithoutTrailingZeros() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            long t = switch (i % 3) {
                case 0 -> random.nextLong();
                case 1 -> random.nextLong() % 10_000_000_000_000L / 10 * 10;
                default -> (random.nextInt(2_000_000_000) - 1_000_000_000L) * 1000 + random.nextInt(3) * 250;
            };
            int scale = i % 2 == 0 ? 3 : 9;
            assertEquals(java.math.BigDecimal.valueOf(t, scale).stripTrailingZeros().toPlainString(), ApiJson.decimal(t, scale), t + "/" + scale);
        }
        assertEquals("-0.001", ApiJson.decimal(-1, 3));
        assertEquals("-9223372036854775.808", ApiJson.decimal(Long.MIN_VALUE, 3));
        assertEquals("[1.5,\"1\"]", text(ApiJson.write(g -> ApiJson.point(g, 1500, 3, "1"))));
        assertEquals("[1700000000,\"NaN\"]", text(ApiJson.write(g -> ApiJson.point(g, 1_700_000_000_000L, 3, "NaN"))));
        assertEquals("[1700000000.000000001,\"2\"]", text(ApiJson.write(g -> ApiJson.point(g, 1_700_000_000_000_000_001L, 9, "2"))));
        assertEquals("[0,\"0\"]", text(ApiJson.write(g -> ApiJson.point(g, 0, 9, "0"))));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
