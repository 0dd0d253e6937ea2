package dev.vigil.metrics.fanout;

/**
 * A pushdown: evaluate {@code expr} over the receiving instance's partitions as a range query.
 *
 * @param tenant     the tenant to narrow to, or "" for every series
 * @param maxSamples the asking query's remaining sample budget
 * @param timeoutMs  the asking query's remaining time
 */
public record EvaluateRequest(String expr, String tenant, long startMs, long endMs, long stepMs, long lookbackDeltaMs, long maxSamples,
                              long timeoutMs) {
}
