package dev.vigil.promql.value;

/** One value of a series at a time (Unix ms). */
public record Point(long timestampMs, double value) {
}
