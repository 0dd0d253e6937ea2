package dev.vigil.promql.eval;

/**
 * The samples of one series inside one step's window, {@code [from, to)} of {@code t/v}, with the
 * window bounds, the step time and the function's scalar arguments at that step.
 */
final class Window {
    long[] t;
    double[] v;
    int from;
    int to;
    long start;
    long end;
    long rangeMs;
    long stepTs;
    double[] args;

    int size() {
        return to - from;
    }

    double first() {
        return v[from];
    }

    double last() {
        return v[to - 1];
    }
}
