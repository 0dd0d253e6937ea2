package dev.vigil.tsdb.chunk;

/**
 * The aggregates of one series over one downsampling bucket. {@code timestampMs} is the time of the
 * last raw sample in the bucket, so a rollup sits where the value it carries as {@code last} was
 * observed.
 */
public record Rollup(long timestampMs, double min, double max, double sum, double count, double last) {
}
