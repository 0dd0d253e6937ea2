package dev.vigil.model;

/** One float sample: Unix milliseconds and a value (which may be the stale marker, see {@link StaleNaN}). */
public record Sample(long timestampMs, double value) {
}
