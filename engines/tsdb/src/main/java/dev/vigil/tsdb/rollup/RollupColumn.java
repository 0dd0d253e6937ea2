package dev.vigil.tsdb.rollup;

import dev.vigil.tsdb.chunk.Rollup;

/**
 * Which aggregate of a five-minute rollup a read returns as the sample value, chosen from the
 * PromQL function that will consume the samples (the {@code function} of the select hints).
 */
public enum RollupColumn {
    MIN, MAX, SUM, COUNT, LAST,
    /** sum / count of the bucket. */
    MEAN;

    public double of(Rollup r) {
        return switch (this) {
            case MIN -> r.min();
            case MAX -> r.max();
            case SUM -> r.sum();
            case COUNT -> r.count();
            case LAST -> r.last();
            case MEAN -> r.sum() / r.count();
        };
    }

    /**
     * {@code min_over_time} reads min, {@code max_over_time} max, {@code sum_over_time} sum,
     * {@code count_over_time} count, {@code avg_over_time} the bucket mean; everything else
     * (plain selection, rate, increase, irate, delta, deriv, changes, resets, last_over_time,
     * quantile_over_time, ...) reads last, the value a raw read would have seen at that time.
     */
    public static RollupColumn forFunction(String function) {
        return switch (function) {
            case "min_over_time" -> MIN;
            case "max_over_time" -> MAX;
            case "sum_over_time" -> SUM;
            case "count_over_time" -> COUNT;
            case "avg_over_time" -> MEAN;
            default -> LAST;
        };
    }
}
