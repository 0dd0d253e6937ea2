package dev.vigil.tsdb.disk;

import java.util.List;

/**
 * The commit point of the store: which segments exist and how many of their bytes are committed,
 * the series table with the open heads, and the time watermarks below which stored chunks are
 * ignored on load (dropped by retention, or replaced by rollups).
 */
public record CheckpointData(long generation, long retentionCutoff, long rollupWatermark, int nextSegmentId,
                             int nextSeriesId, List<SegmentLength> segments, List<SeriesState> series) {

    /** A segment and its committed length in bytes. */
    public record SegmentLength(int id, long length) {
    }
}
