package dev.vigil.tsdb.head;

/** A closed chunk not yet written to a segment, and the series it belongs to. */
public record PendingChunk(int seriesId, ChunkMeta meta) {
}
