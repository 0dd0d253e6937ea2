package dev.vigil.metrics.fanout;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireTest {
    @Test
    void evaluateRequestRoundTripsAndRefusesNonsense() {
        EvaluateRequest r = new EvaluateRequest("rate(x{a=\"\u00e9\"}[5m])", "team-a", 1_000, 61_000, 15_000, 300_000, 50_000_000, 120_000);
        assertEquals(r, Wire.decodeEvaluate(Wire.encodeEvaluate(r)));
        assertThrows(IllegalArgumentException.class,
                () -> Wire.decodeEvaluate(Wire.encodeEvaluate(new EvaluateRequest("x", "", 10, 5, 1, 1, 1, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> Wire.decodeEvaluate(Wire.encodeEvaluate(new EvaluateRequest("x", "", 1, 5, 0, 1, 1, 1))));
        dev.vigil.series.Partitions.Answer a = Wire.decodeEvaluated(Wire.encodeEvaluated(1234,
                List.of(new ArraySeries(dev.vigil.model.Labels.of("a", "b"), new long[] {1, 2}, new double[] {0.5, StaleNaN.VALUE}, 0))));
        assertEquals(1234, a.samplesLoaded());
        assertEquals(1, a.series().size());
        assertThrows(IllegalArgumentException.class, () -> Wire.decodeEvaluated(new byte[3]));
    }

    @Test
    void requestRoundTripKeepsEveryMatcherTypeAndHint() {
        SelectRequest r = new SelectRequest(-5, Long.MAX_VALUE,
                List.of(new LabelMatcher(MatchType.EQUAL, "__name__", "up"), new LabelMatcher(MatchType.NOT_EQUAL, "job", ""),
                        new LabelMatcher(MatchType.REGEX, "node", "wïn-.*"), new LabelMatcher(MatchType.NOT_REGEX, "os", "linux")),
                new SelectHints(15_000, 300_000, "rate"), "node");
        assertEquals(r, Wire.decodeRequest(Wire.encodeRequest(r)));
    }

    @Test
    void seriesRoundTripKeepsStaleMarkersBitForBit() {
        double stale = Double.longBitsToDouble(StaleNaN.BITS);
        Series s = new ArraySeries(Labels.of("__name__", "x", "a", "b"), new long[]{1, 2, 3}, new double[]{0.1, stale, Double.NEGATIVE_INFINITY}, 1);
        List<Series> back = Wire.decodeSeries(Wire.encodeSeries(List.of(s, new ArraySeries(Labels.of("__name__", "y"), new long[0], new double[0], 0))));
        assertEquals(2, back.size());
        assertEquals(1, back.get(0).rollupSamples(), "the owner's count of leading rollups travels with the series");
        assertEquals(s.labels(), back.get(0).labels());
        SampleCursor c = back.get(0).cursor();
        long[] bits = new long[3];
        for (int i = 0; i < 3; i++) {
            c.next();
            assertEquals(i + 1, c.timestamp());
            bits[i] = Double.doubleToRawLongBits(c.value());
        }
        assertEquals(Double.doubleToRawLongBits(0.1), bits[0]);
        assertEquals(StaleNaN.BITS, bits[1]);
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), bits[2]);
        assertEquals(false, back.get(1).cursor().next());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 17, 40})
    void aTruncatedRequestIsAClearError(int length) {
        byte[] full = Wire.encodeRequest(new SelectRequest(0, 1, List.of(LabelMatcher.equal("a", "b")), SelectHints.NONE, ""));
        byte[] cut = java.util.Arrays.copyOf(full, Math.min(length, full.length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wire.decodeRequest(cut));
        assertEquals(true, e.getMessage().contains("fan-out message"), e.getMessage());
    }
}
