package dev.vigil.metrics.fanout;

/**
 * A pushdown: evaluate {@code expr} over the receiving instance's partitions as a range query.
 *
 * @param tenant the tenant to narrow to, or "" for every series
 */
public record EvaluateRequest(String expr, String tenant, long startMs, long endMs, long stepMs, long lookbackDeltaMs) {
}
