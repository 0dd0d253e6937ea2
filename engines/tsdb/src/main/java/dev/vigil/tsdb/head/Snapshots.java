package dev.vigil.tsdb.head;

import dev.vigil.tsdb.chunk.Rollup;
import dev.vigil.tsdb.chunk.RollupChunk;
import dev.vigil.tsdb.chunk.SampleChunks;
import dev.vigil.tsdb.read.RawPart;
import dev.vigil.tsdb.read.SeriesSnapshot;
import dev.vigil.tsdb.rollup.RollupColumn;

import java.util.ArrayList;
import java.util.List;

/** Copies what a series holds for a time range into an immutable {@link SeriesSnapshot}. */
final class Snapshots {
    private Snapshots() {
    }

    /**
     * What {@code s} holds in [mint, maxt]: rollups before {@code rollupWatermark} (as the given
     * column), raw data from it on.
     */
    static SeriesSnapshot of(MemSeries s, long mint, long maxt, long rollupWatermark, RollupColumn column) {
        long rawFrom = Math.max(mint, rollupWatermark);
        List<RawPart> raw = new ArrayList<>();
        for (ChunkMeta c : s.chunks) {
            if (c.overlaps(rawFrom, maxt)) {
                raw.add(new RawPart(SampleChunks.of(c.kind(), c.bytes()), c.minTime(), c.maxTime()));
            }
        }
        if (s.head != null && s.maxTime >= rawFrom && s.headMinTime <= maxt) {
            raw.add(new RawPart(s.head.toChunk(), s.headMinTime, s.maxTime));
        }
        long[] oooT = s.ooo.times(rawFrom, maxt);
        double[] oooV = s.ooo.values(rawFrom, maxt);
        List<Long> rt = new ArrayList<>();
        List<Double> rv = new ArrayList<>();
        if (mint < rollupWatermark) {
            long rollupTo = Math.min(maxt, rollupWatermark - 1);
            for (ChunkMeta c : s.rollups) {
                if (c.overlaps(mint, rollupTo)) {
                    for (Rollup r : RollupChunk.of(c.bytes()).decode()) {
                        if (r.timestampMs() >= mint && r.timestampMs() <= rollupTo) {
                            rt.add(r.timestampMs());
                            rv.add(column.of(r));
                        }
                    }
                }
            }
        }
        long[] rollupTimes = rt.stream().mapToLong(Long::longValue).toArray();
        double[] rollupValues = rv.stream().mapToDouble(Double::doubleValue).toArray();
        return new SeriesSnapshot(s.labels, raw, oooT, oooV, rollupTimes, rollupValues, rawFrom, maxt);
    }
}
