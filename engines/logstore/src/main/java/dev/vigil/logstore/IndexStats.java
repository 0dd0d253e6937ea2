package dev.vigil.logstore;

/**
 * Index statistics for a matcher set and time range, as served by Loki's
 * {@code /loki/api/v1/index/stats}. Chunks are counted when their time bounds overlap the range,
 * so the figures are upper bounds, as in Loki.
 *
 * @param streams number of matching streams
 * @param chunks  number of chunks (sealed chunks plus non-empty open heads)
 * @param entries number of entries in those chunks
 * @param bytes   raw (uncompressed) line bytes in those chunks
 */
public record IndexStats(long streams, long chunks, long entries, long bytes) {
    public static final IndexStats EMPTY = new IndexStats(0, 0, 0, 0);
}
