package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.storage.LogSource;

/** Where and when a metric query is evaluated: steps at {@code start + k*step} up to {@code end}. */
record EvalContext(LogSource source, LogqlOptions options, long start, long end, long step) {
    int steps() {
        return step == 0 ? 1 : (int) ((end - start) / step) + 1;
    }

    long time(int k) {
        return start + k * step;
    }
}
