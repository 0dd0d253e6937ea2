package dev.vigil.tsdb.chunk;

import dev.vigil.model.StaleNaN;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XorChunkTest {

    static Stream<Arguments> cases() {
        double nanWithPayload = Double.longBitsToDouble(0x7ff8_0000_0000_00abL);
        return Stream.of(
                Arguments.of("single sample", new long[] {1_700_000_000_000L}, new double[] {42.5}),
                Arguments.of("regular scrape, constant gauge", regular(120, 15_000), constant(120, 1.0)),
                Arguments.of("special floats", regular(9, 15_000), new double[] {
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, StaleNaN.VALUE,
                        -0.0, 0.0, nanWithPayload, Double.MIN_VALUE, -Double.MAX_VALUE}),
                Arguments.of("stale marker between values", regular(4, 15_000), new double[] {1, StaleNaN.VALUE, StaleNaN.VALUE, 1}),
                Arguments.of("negative values", regular(5, 1_000), new double[] {-1, -1e300, -3.25, -0.001, -7}),
                Arguments.of("irregular timestamps", new long[] {0, 1, 15_003, 29_990, 30_000, 30_001, 95_000, 95_000 + 8_191},
                        new double[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Arguments.of("dod bucket edges", new long[] {0, 10, 20 + 8_191, 30 + 8_191 - 8_192, 40 + 65_535,
                        50 + 65_535 - 65_536, 60 + 524_287, 70}, new double[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Arguments.of("large gaps", new long[] {0, 86_400_000L * 365, 86_400_000L * 366, Long.MAX_VALUE / 2},
                        new double[] {1, 2, 3, 4}),
                Arguments.of("negative timestamps", new long[] {-100_000, -50_000, 0, 50_000}, new double[] {1, 2, 3, 4}),
                Arguments.of("fractional counter", regular(120, 15_000), counter(120, 1234.56, 14.93)),
                Arguments.of("random bits", regular(300, 10_000), randomBits(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void samplesRoundTripBitExactly(String name, long[] ts, double[] vs) {
        XorAppender a = new XorAppender();
        for (int i = 0; i < ts.length; i++) {
            a.append(ts[i], vs[i]);
        }
        XorChunk chunk = a.toChunk();
        assertEquals(ts.length, chunk.count());
        assertEquals(chunk.sizeBytes(), a.sizeBytes());
        assertDecodes(chunk, ts, vs);
        assertDecodes(XorChunk.of(chunk.bytes()), ts, vs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumedAppenderWritesTheSameBytesAsAnUninterruptedOne(String name, long[] ts, double[] vs) {
        XorAppender whole = new XorAppender();
        XorAppender first = new XorAppender();
        int half = ts.length / 2;
        for (int i = 0; i < ts.length; i++) {
            whole.append(ts[i], vs[i]);
            if (i < half) {
                first.append(ts[i], vs[i]);
            }
        }
        XorAppender resumed = XorAppender.resume(first.toChunk());
        for (int i = half; i < ts.length; i++) {
            resumed.append(ts[i], vs[i]);
        }
        assertEquals(whole.toChunk(), resumed.toChunk());
    }

    @Test
    void constantGaugeAtRegularIntervalCostsAboutTwoBitsPerSample() {
        XorAppender a = new XorAppender();
        long[] ts = regular(120, 15_000);
        for (long t : ts) {
            a.append(t, 512.0);
        }
        // header 2 + first sample 16 + second sample 20 bits + 118 * 2 bits
        assertEquals(2 + 16 + (20 + 1 + 118 * 2 + 7) / 8, a.toChunk().sizeBytes());
    }

    @Test
    void emptyChunkHasNoSamples() {
        XorChunk chunk = new XorAppender().toChunk();
        assertEquals(0, chunk.count());
        assertFalse(chunk.iterator().next());
    }

    @Test
    void seekStopsAtFirstSampleAtOrAfterTarget() {
        XorAppender a = new XorAppender();
        for (long t = 0; t < 10_000; t += 1_000) {
            a.append(t, t / 1000.0);
        }
        XorIterator it = a.toChunk().iterator();
        assertTrue(it.seek(4_500));
        assertEquals(5_000, it.timestamp());
        assertEquals(5.0, it.value());
        assertFalse(it.seek(10_000));
    }

    static void assertDecodes(XorChunk chunk, long[] ts, double[] vs) {
        XorIterator it = chunk.iterator();
        for (int i = 0; i < ts.length; i++) {
            assertTrue(it.next(), "sample " + i);
            assertEquals(ts[i], it.timestamp(), "timestamp " + i);
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(it.value()), "value bits " + i);
        }
        assertFalse(it.next());
    }

    static long[] regular(int n, long step) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + i * step;
        }
        return ts;
    }

    static double[] constant(int n, double v) {
        double[] vs = new double[n];
        java.util.Arrays.fill(vs, v);
        return vs;
    }

    static double[] counter(int n, double start, double increment) {
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            vs[i] = Math.round((start + i * increment) * 100) / 100.0;
        }
        return vs;
    }

    static double[] randomBits(int n) {
        Random random = new Random(7);
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            vs[i] = Double.longBitsToDouble(random.nextLong());
        }
        return vs;
    }
}
