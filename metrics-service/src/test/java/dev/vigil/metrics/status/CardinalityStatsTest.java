package dev.vigil.metrics.status;

import dev.vigil.model.Labels;
import dev.vigil.series.ArraySeries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CardinalityStatsTest {
    private static ArraySeries series(Labels labels, int samples) {
        long[] t = new long[samples];
        double[] v = new double[samples];
        for (int i = 0; i < samples; i++) {
            t[i] = 1_000L + i * 15_000L;
        }
        return new ArraySeries(labels, t, v, 0, samples);
    }

    @SuppressWarnings("unchecked")
    @Test
    void countsAsPrometheusHeadStatisticsDo() {
        CardinalityStats stats = new CardinalityStats();
        // node_cpu: 2 cpus × 2 modes; up: one series; 121 samples make two 120-sample chunks
        for (String cpu : List.of("0", "1")) {
            for (String mode : List.of("idle", "user")) {
                stats.add(series(Labels.of("__name__", "node_cpu_seconds_total", "cpu", cpu, "mode", mode, "job", "node"), 10));
            }
        }
        stats.add(series(Labels.of("__name__", "up", "job", "node"), 121));

        Map<String, Object> data = stats.data(10);
        Map<String, Object> head = (Map<String, Object>) data.get("headStats");
        assertEquals(5L, head.get("numSeries"));
        // pairs: __name__ ×2, cpu ×2, mode ×2, job ×1
        assertEquals(7, head.get("numLabelPairs"));
        assertEquals(4L + 2L, head.get("chunkCount"));
        assertEquals(1_000L, head.get("minTime"));
        assertEquals(1_000L + 120 * 15_000L, head.get("maxTime"));
        assertEquals(List.of(new CardinalityStats.Stat("node_cpu_seconds_total", 4), new CardinalityStats.Stat("up", 1)),
                data.get("seriesCountByMetricName"));
        assertEquals(List.of(new CardinalityStats.Stat("__name__", 2), new CardinalityStats.Stat("cpu", 2),
                new CardinalityStats.Stat("mode", 2), new CardinalityStats.Stat("job", 1)), data.get("labelValueCountByLabelName"));
        // each distinct value's length once: "node_cpu_seconds_total" + "up" = 22 + 2
        assertEquals(List.of(new CardinalityStats.Stat("__name__", 24), new CardinalityStats.Stat("mode", 8),
                new CardinalityStats.Stat("job", 4), new CardinalityStats.Stat("cpu", 2)), data.get("memoryInBytesByLabelName"));
        assertEquals(List.of(new CardinalityStats.Stat("job=node", 5), new CardinalityStats.Stat("__name__=node_cpu_seconds_total", 4)),
                stats.data(2).get("seriesCountByLabelValuePair"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void anEmptyHeadAnswersAsPrometheusDoes() {
        Map<String, Object> head = (Map<String, Object>) new CardinalityStats().data(10).get("headStats");
        assertEquals(0L, head.get("numSeries"));
        assertEquals(Long.MAX_VALUE, head.get("minTime"));
        assertEquals(Long.MIN_VALUE, head.get("maxTime"));
    }
}
