package dev.vigil.alert.stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which expressions stream, what they watch and how far back they read. */
class StreamableExprTest {
    private static final long LOOKBACK = 300_000;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "up == 0                                                              | 1 | 300000",
            "node_load1 > 4                                                       | 1 | 300000",
            "rate(http_requests_total{code=~\"5..\"}[5m]) > 1                     | 1 | 300000",
            "increase(errors_total[10m]) > 0                                      | 1 | 600000",
            "sum by (job) (rate(x_total[1m])) > 2                                 | 1 | 60000",
            "max without (cpu) (avg_over_time(t[2m])) >= 80                       | 1 | 120000",
            "count(up == 1) < 3                                                   | 1 | 300000",
            "a / b * 100 < 20                                                     | 2 | 300000",
            "min_over_time(s[5m]) == 0 and m >= 16                                | 2 | 300000",
            "r - ignoring (state) (d{state=\"active\"}) > 0                       | 2 | 300000",
            "(100 - avg without (mode) (rate(c_total{mode=\"idle\"}[2m]) * 100)) > 90 | 1 | 120000",
            "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m]))) > 0.5     | 1 | 300000",
            "up                                                                   | 1 | 300000",
    })
    void streams(String expr, int selectors, long windowMs) {
        StreamableExpr s = StreamableExpr.of(expr, LOOKBACK).orElseThrow(() -> new AssertionError(expr + " should stream"));
        assertEquals(selectors, s.selectors().size(), expr);
        assertEquals(windowMs, s.windowMs(), expr);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "up offset 5m == 0",
            "up @ 1700000000 == 0",
            "max_over_time(rate(x[1m])[10m:1m]) > 1",
            "absent(up{job=\"node\"})",
            "absent_over_time(up[5m])",
            "predict_linear(free[6h], 4 * 3600) < 0",
            "deriv(t[5m]) > 0",
            "topk(3, x) > 1",
            "quantile(0.9, x) > 1",
            "label_replace(up, \"a\", \"$1\", \"job\", \"(.*)\") == 0",
            "time() - last_seen > 60",
            "scalar(up) > 0",
            "1 > 0",
            "sum(rate(",
    })
    void staysOnTheTimer(String expr) {
        assertTrue(StreamableExpr.of(expr, LOOKBACK).isEmpty(), expr);
    }
}
