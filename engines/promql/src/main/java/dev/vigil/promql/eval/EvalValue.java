package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

import java.util.List;

/** What evaluating a node over a {@link Steps} grid yields; one variant per PromQL value type. */
sealed interface EvalValue {
    /** A scalar: one value per step. */
    record ScalarSteps(double[] values) implements EvalValue {
    }

    /** A string literal. */
    record StringResult(String value) implements EvalValue {
    }

    /** An instant vector over the grid: series with a value at some of the steps. */
    record VectorSteps(List<StepSeries> series) implements EvalValue {
    }

    /**
     * A range vector: raw samples (stale markers removed) and how to cut windows from them for
     * step t: [end - range, end] with end = (at, when pinned, else t) - offset, both ends inclusive.
     */
    record RangeSteps(List<RawSeries> series, long rangeMs, long offsetMs, boolean pinned, long atMs) implements EvalValue {
        long windowEnd(long t) {
            return (pinned ? atMs : t) - offsetMs;
        }
    }

    /** Samples of one series in ascending time. */
    record RawSeries(Labels labels, long[] t, double[] v, int n) {
    }
}
