package dev.vigil.tsdb.chunk;

import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.tsdb.bench.NodeExporterData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static dev.vigil.tsdb.chunk.XorChunkTest.constant;
import static dev.vigil.tsdb.chunk.XorChunkTest.counter;
import static dev.vigil.tsdb.chunk.XorChunkTest.regular;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalChunkTest {
    private static final long T0 = 1_700_000_000_000L;

    static Stream<Arguments> decimals() {
        return Stream.of(
                Arguments.of("single sample", new long[] {T0}, new double[] {42.5}),
                Arguments.of("two samples", new long[] {T0, T0 + 15_000}, new double[] {1, 3}),
                Arguments.of("constant gauge", regular(120, 15_000), constant(120, 512)),
                Arguments.of("zero", regular(10, 15_000), constant(10, 0.0)),
                Arguments.of("hundredths counter", regular(120, 15_000), counter(120, 1234.56, 14.93)),
                Arguments.of("negative deltas", regular(6, 15_000), new double[] {10, 7, -3, -3.25, -1e6, 4}),
                Arguments.of("nanoseconds", regular(5, 15_000), new double[] {
                        123_456.123456789, 123_457.000000001, 123_470.5, 123_480.999999999, 123_499.25}),
                Arguments.of("largest exact mantissa", regular(3, 15_000), new double[] {
                        0x1p53 - 1, -(0x1p53 - 1), 0}),
                Arguments.of("fifteen decimals", regular(3, 15_000), new double[] {0.000000000000001, 0.5, 1}),
                Arguments.of("pages", regular(8, 15_000), new double[] {
                        4096L * 250_000, 4096L * 250_000, 4096L * 250_900, 4096L * 249_100, 4096L * 249_100,
                        4096L * 250_000, 4096L * 251_000, 4096L * 251_000}),
                Arguments.of("one outlier among zeros", regular(9, 15_000), new double[] {5, 5, 5, 5, 5e12, 5e12, 5e12, 5, 5}),
                Arguments.of("irregular timestamps", new long[] {0, 1, 15_003, 29_990, 30_000, 30_001, 95_000, 95_000 + 8_191},
                        new double[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Arguments.of("negative timestamps", new long[] {-100_000, -50_000, 0, 50_000}, new double[] {1, 2, 3, 4}),
                Arguments.of("large gaps", new long[] {0, 86_400_000L * 365, 86_400_000L * 366, 1L << 59},
                        new double[] {1, 2, 3, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decimals")
    void decimalsRoundTripBitExactly(String name, long[] ts, double[] vs) {
        DecimalChunk chunk = DecimalChunk.encode(ts, vs, ts.length).orElseThrow();
        assertEquals(ts.length, chunk.count());
        assertEquals(ts[0], ChunkKind.DECIMAL.minTime(chunk.bytes(), 0));
        assertDecodes(chunk, ts, vs);
        assertDecodes(SampleChunks.of(ChunkKind.DECIMAL, chunk.bytes()), ts, vs);
    }

    static Stream<Arguments> notDecimal() {
        return Stream.of(
                Arguments.of("NaN", Double.NaN),
                Arguments.of("stale marker", StaleNaN.VALUE),
                Arguments.of("NaN with payload", Double.longBitsToDouble(0x7ff8_0000_0000_00abL)),
                Arguments.of("+Inf", Double.POSITIVE_INFINITY),
                Arguments.of("-Inf", Double.NEGATIVE_INFINITY),
                Arguments.of("negative zero", -0.0),
                Arguments.of("full-precision float", 0.1 + 0.2),
                Arguments.of("smallest subnormal", Double.MIN_VALUE),
                Arguments.of("integer beyond 2^53", 0x1p60),
                Arguments.of("largest double", Double.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDecimal")
    void aChunkHoldingAValueThatIsNoDecimalIsNotEncoded(String name, double odd) {
        long[] ts = regular(4, 15_000);
        assertTrue(DecimalChunk.encode(ts, new double[] {1, 2, odd, 3}, 4).isEmpty());
        XorChunk xor = gorilla(ts, new double[] {1, 2, odd, 3});
        SampleChunk closed = SampleChunks.closed(xor);
        assertEquals(ChunkKind.XOR, closed.kind());
        assertDecodes(closed, ts, new double[] {1, 2, odd, 3});
    }

    @Test
    void timestampsTooFarApartAreNotEncoded() {
        long[] ts = {Long.MIN_VALUE / 2, 0, Long.MAX_VALUE / 2 + 1};
        assertTrue(DecimalChunk.encode(ts, new double[] {1, 2, 3}, 3).isEmpty());
    }

    @Test
    void constantGaugeAtRegularIntervalTakesFifteenBytes() {
        // header: varint count 1 byte + varint zigzag(first timestamp) 6 bytes;
        // timestamps: mode 2 + min 6+15 + width 6 = 29 bits;
        // values: scale 4 + first mantissa 6+11 + mode 2 + min 6 + width 6 = 35 bits
        DecimalChunk chunk = DecimalChunk.encode(regular(120, 15_000), constant(120, 512), 120).orElseThrow();
        assertEquals(1 + 6 + (29 + 35 + 7) / 8, chunk.sizeBytes());
    }

    @Test
    void closingPicksTheSmallerEncoding() {
        long[] ts = regular(120, 15_000);
        SampleChunk cpu = SampleChunks.closed(gorilla(ts, counter(120, 1234.56, 14.93)));
        assertEquals(ChunkKind.DECIMAL, cpu.kind());
        assertTrue(cpu.sizeBytes() < gorilla(ts, counter(120, 1234.56, 14.93)).sizeBytes());
        // a tiny last value forces scale 15, so 5 <-> 7 flips cost 52-bit mantissa deltas; XOR codes each in 3 bits
        double[] flips = new double[40];
        for (int i = 0; i < flips.length; i++) {
            flips[i] = i % 2 == 0 ? 5 : 7;
        }
        flips[39] = 1e-15;
        long[] ts40 = regular(40, 15_000);
        XorChunk xor = gorilla(ts40, flips);
        assertTrue(DecimalChunk.encode(ts40, flips, 40).orElseThrow().sizeBytes() > xor.sizeBytes());
        assertEquals(xor, SampleChunks.closed(xor));
    }

    @ParameterizedTest
    @EnumSource(NodeExporterData.Shape.class)
    void everyNodeExporterShapeRoundTripsThroughClosing(NodeExporterData.Shape shape) {
        NodeExporterData data = new NodeExporterData(100, 11);
        int checked = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.shape(i) != shape) {
                continue;
            }
            for (int chunk = 0; chunk < 3; chunk++) {
                int n = chunk == 2 ? 17 : 120;
                long[] ts = new long[n];
                double[] vs = new double[n];
                for (int k = 0; k < n; k++) {
                    ts[k] = data.timestamp(i, chunk * 120 + k, T0);
                    vs[k] = data.next(i);
                }
                assertDecodes(SampleChunks.closed(gorilla(ts, vs)), ts, vs);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void randomChunksRoundTripThroughClosing() {
        Random random = new Random(42);
        int decimal = 0;
        for (int round = 0; round < 3_000; round++) {
            int n = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
            long[] ts = randomTimes(random, n);
            double[] vs = randomValues(random, n);
            SampleChunk closed = SampleChunks.closed(gorilla(ts, vs));
            assertDecodes(closed, ts, vs);
            assertDecodes(SampleChunks.of(closed.kind(), closed.bytes()), ts, vs);
            DecimalChunk.encode(ts, vs, n).ifPresent(d -> assertDecodes(d, ts, vs));
            decimal += closed.kind() == ChunkKind.DECIMAL ? 1 : 0;
        }
        // the generator must exercise both encodings for the test to mean anything
        assertTrue(decimal > 300 && decimal < 2_700, "decimal chunks: " + decimal);
    }

    @Test
    void chunkCutInsideItsHeaderIsRejected() {
        byte[] header = Arrays.copyOf(DecimalChunk.encode(regular(3, 15_000), constant(3, 1), 3).orElseThrow().bytes(), 3);
        assertThrows(IllegalArgumentException.class, () -> DecimalChunk.of(header));
        assertThrows(IllegalArgumentException.class, () -> ChunkKind.XOR.minTime(new byte[] {0, 1, 2}, 0));
    }

    @Test
    void truncatedChunkFailsAsCorrupt() {
        double[] vs = new double[120];
        long hundredths = 0;
        for (int i = 0; i < vs.length; i++) {
            hundredths += i * 37 % 101;
            vs[i] = hundredths / 100.0;
        }
        DecimalChunk chunk = DecimalChunk.encode(regular(120, 15_000), vs, 120).orElseThrow();
        byte[] cut = Arrays.copyOf(chunk.bytes(), chunk.sizeBytes() - 20);
        assertThrows(IllegalStateException.class, () -> DecimalChunk.of(cut).iterator());
    }

    @Test
    void seekStopsAtFirstSampleAtOrAfterTarget() {
        long[] ts = regular(10, 1_000);
        double[] vs = counter(10, 0, 1);
        SampleCursor it = DecimalChunk.encode(ts, vs, 10).orElseThrow().iterator();
        assertTrue(it.seek(T0 + 4_500));
        assertEquals(T0 + 5_000, it.timestamp());
        assertEquals(5.0, it.value());
        assertFalse(it.seek(T0 + 10_000));
    }

    private static long[] randomTimes(Random random, int n) {
        long[] ts = new long[n];
        ts[0] = random.nextInt(3) == 0 ? -random.nextLong(1L << 50) : T0 + random.nextInt(1_000_000);
        int style = random.nextInt(3);
        for (int i = 1; i < n; i++) {
            long step = switch (style) {
                case 0 -> 15_000;
                case 1 -> 15_000 + random.nextInt(41) - 20;
                default -> 1 + (random.nextBoolean() ? random.nextInt(100) : random.nextLong(1L << 40));
            };
            ts[i] = ts[i - 1] + step;
        }
        return ts;
    }

    private static double[] randomValues(Random random, int n) {
        double[] vs = new double[n];
        int style = random.nextInt(6);
        int scale = random.nextInt(16);
        long m = random.nextLong(1L << 40) - (1L << 39);
        for (int i = 0; i < n; i++) {
            vs[i] = switch (style) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> (m += random.nextInt(2_000) - 1_000) / Math.pow(10, scale);
                case 3 -> (m += random.nextInt(20) == 0 ? random.nextLong(1L << 30) : 0) / 100.0;
                case 4 -> (double) (m += random.nextInt(10)) * (random.nextBoolean() ? 1 : 1L << 20);
                default -> special(random, i);
            };
        }
        return vs;
    }

    private static double special(Random random, int i) {
        double[] specials = {Double.NaN, StaleNaN.VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 1e-300};
        return random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : i * 0.25;
    }

    static XorChunk gorilla(long[] ts, double[] vs) {
        XorAppender a = new XorAppender();
        for (int i = 0; i < ts.length; i++) {
            a.append(ts[i], vs[i]);
        }
        return a.toChunk();
    }

    static void assertDecodes(SampleChunk chunk, long[] ts, double[] vs) {
        assertEquals(ts.length, chunk.count());
        SampleCursor it = chunk.iterator();
        for (int i = 0; i < ts.length; i++) {
            assertTrue(it.next(), "sample " + i);
            assertEquals(ts[i], it.timestamp(), "timestamp " + i);
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(it.value()), "value bits " + i);
        }
        assertFalse(it.next());
    }
}
