package dev.vigil.tsdb.disk;

import dev.vigil.model.Labels;

/**
 * What a checkpoint keeps of one series besides its persisted chunks: its identity, where its
 * in-order data ends, the open head chunk (empty array when none) and the out-of-order buffer.
 */
public record SeriesState(int id, Labels labels, long maxTime, long lastValueBits, byte[] headChunk,
                          long[] oooTimes, double[] oooValues) {
}
