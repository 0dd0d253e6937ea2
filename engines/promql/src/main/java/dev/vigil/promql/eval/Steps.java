package dev.vigil.promql.eval;

/** The evaluation grid: times start, start+interval, ... up to end (Unix ms, inclusive). */
record Steps(long start, long end, long interval) {
    int count() {
        return (int) ((end - start) / interval) + 1;
    }

    long at(int k) {
        return start + k * interval;
    }
}
