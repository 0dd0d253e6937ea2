package dev.vigil.tsdb.chunk;

import dev.vigil.model.StaleNaN;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RollupChunkTest {

    @Test
    void rollupsRoundTripBitExactly() {
        List<Rollup> in = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            in.add(new Rollup(1_700_000_000_000L + i * 300_000L - (i % 3) * 15_000, -i, i * 1.5, i * 20.25, 20, i * 1.5 - 0.5));
        }
        in.add(new Rollup(1_700_010_000_000L, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, StaleNaN.VALUE));
        List<Rollup> out = RollupChunk.of(RollupChunk.encode(in).bytes()).decode();
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            Rollup a = in.get(i);
            Rollup b = out.get(i);
            assertEquals(a.timestampMs(), b.timestampMs());
            assertEquals(bits(a.min()), bits(b.min()));
            assertEquals(bits(a.max()), bits(b.max()));
            assertEquals(bits(a.sum()), bits(b.sum()));
            assertEquals(bits(a.count()), bits(b.count()));
            assertEquals(bits(a.last()), bits(b.last()), "last of rollup " + i);
        }
    }

    @Test
    void emptyRollupListIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RollupChunk.encode(List.of()));
        assertEquals("a rollup chunk holds 1..65535 rollups, got 0", e.getMessage());
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
