package dev.vigil.alert.stream;

/**
 * How the streaming rules read {@code vigil.metrics}; the first two must equal the metrics
 * service's for answers to match its query API.
 *
 * @param lookbackDeltaMs    how far back an instant selector looks (the metrics service's {@code vigil.metrics.query.lookback-delta})
 * @param outOfOrderWindowMs how far behind its series' newest sample a sample is still accepted ({@code vigil.metrics.storage.out-of-order-window})
 * @param maxSeries          series kept at most before streaming gives way to the query API
 * @param marginMs           kept beyond the longest window the rules read, for samples a little ahead of the clock
 */
public record StreamingSettings(long lookbackDeltaMs, long outOfOrderWindowMs, int maxSeries, long marginMs) {
}
