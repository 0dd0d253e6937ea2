package dev.vigil.logql;

/** One value of a series in a range result. */
public record Point(long timestampNanos, double value) {
}
