package dev.vigil.tsdb.rollup;

import dev.vigil.model.StaleNaN;
import dev.vigil.tsdb.chunk.Rollup;
import dev.vigil.tsdb.read.ArrayCursor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownsamplerTest {
    private static final long M = 60_000;

    @Test
    void bucketsAreAlignedToFiveMinutesAndStampedWithTheirLastSample() {
        long[] ts = {0, 2 * M, 4 * M + 59_999, 5 * M, 9 * M, 21 * M};
        double[] vs = {3, -1, 2, 10, 10, 7};
        assertEquals(List.of(
                new Rollup(4 * M + 59_999, -1, 3, 4, 3, 2),
                new Rollup(9 * M, 10, 10, 20, 2, 10),
                new Rollup(21 * M, 7, 7, 7, 1, 7)), Downsampler.aggregate(new ArrayCursor(ts, vs)));
    }

    @Test
    void staleMarkersAreLeftOutAndABucketOfOnlyStaleMarkersVanishes() {
        long[] ts = {0, M, 2 * M, 6 * M, 7 * M};
        double[] vs = {1, StaleNaN.VALUE, 5, StaleNaN.VALUE, StaleNaN.VALUE};
        assertEquals(List.of(new Rollup(2 * M, 1, 5, 6, 2, 5)), Downsampler.aggregate(new ArrayCursor(ts, vs)));
    }

    @Test
    void minAndMaxPreferNumbersToNaNWhileSumTakesNaN() {
        long[] ts = {0, M, 2 * M};
        double[] vs = {Double.NaN, 4, -2};
        Rollup r = Downsampler.aggregate(new ArrayCursor(ts, vs)).get(0);
        assertEquals(-2, r.min());
        assertEquals(4, r.max());
        assertTrue(Double.isNaN(r.sum()));
        assertEquals(3, r.count());
        assertEquals(-2, r.last());
    }

    @Test
    void negativeTimestampsFallIntoFloorAlignedBuckets() {
        long[] ts = {-5 * M - 1, -5 * M, -1};
        double[] vs = {1, 2, 3};
        List<Rollup> out = Downsampler.aggregate(new ArrayCursor(ts, vs));
        assertEquals(2, out.size());
        assertEquals(new Rollup(-1, 2, 3, 5, 2, 3), out.get(1));
    }
}
