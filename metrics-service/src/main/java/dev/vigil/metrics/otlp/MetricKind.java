package dev.vigil.metrics.otlp;

/** The Prometheus type an OTLP metric becomes; it decides the name suffixes ({@code _total}, {@code _ratio}). */
public enum MetricKind {
    GAUGE,
    /** A monotonic cumulative sum: a Prometheus counter, named with {@code _total}. */
    MONOTONIC_COUNTER,
    /** A non-monotonic cumulative sum: stored as a gauge, but never named {@code _ratio}. */
    NON_MONOTONIC_COUNTER,
    HISTOGRAM,
    SUMMARY
}
