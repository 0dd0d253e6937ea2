package dev.vigil.tsdb;

/**
 * A point-in-time view of a {@link Tsdb}. Rejection counters count since {@link Tsdb#open}.
 *
 * @param series                live series
 * @param rawSamples            raw samples held (head and chunks)
 * @param rollups               five-minute rollups held
 * @param memoryChunkBytes      encoded bytes of head chunks and of chunks not yet committed
 * @param diskChunkBytes        bytes of live chunk records in segment files, framing included
 * @param diskTotalBytes        size of all segment files and the latest checkpoint
 * @param outOfOrderAppended    samples accepted behind their series' newest sample
 * @param duplicates            exact duplicates dropped
 * @param duplicateTimestamps   samples rejected for a different value at an existing timestamp
 * @param tooOld                samples rejected as older than the window, retention or rollups
 * @param seriesLimited         samples rejected by the per-metric series limit
 * @param invalid               samples rejected for an empty label set
 * @param damagedRecordsSkipped segment tails and checkpoints found damaged when opening
 * @param retentionCutoffMs     nothing older is kept (Unix ms; {@code Long.MIN_VALUE} before retention first ran)
 */
public record TsdbStats(long series, long rawSamples, long rollups, long memoryChunkBytes, long diskChunkBytes,
                        long diskTotalBytes, long outOfOrderAppended, long duplicates, long duplicateTimestamps,
                        long tooOld, long seriesLimited, long invalid, long damagedRecordsSkipped, long retentionCutoffMs) {
}
