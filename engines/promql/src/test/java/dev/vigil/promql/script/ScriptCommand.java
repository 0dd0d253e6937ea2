package dev.vigil.promql.script;

import dev.vigil.model.Labels;

import java.util.List;

/** One command of a PromQL test file. */
sealed interface ScriptCommand {
    /** {@code load <interval>}: series and their values at 0, interval, 2*interval, ... */
    record Load(long intervalMs, List<SeriesLine> series) implements ScriptCommand {
    }

    /** {@code clear}: drop everything loaded. */
    record Clear() implements ScriptCommand {
    }

    /**
     * {@code eval[_fail|_ordered] instant at <t> <expr>} or {@code eval[_fail] range from <t> to <t> step <d> <expr>}.
     * For a range eval each expected line carries one value per step.
     */
    record Eval(String file, int line, String query, boolean range, long startMs, long endMs, long stepMs,
                boolean fail, boolean ordered, String failMessage, List<SeriesLine> expected) implements ScriptCommand {
    }

    /** A label set (or a bare scalar when {@code scalar}) and its values. */
    record SeriesLine(Labels labels, boolean scalar, List<Double> values) {
    }
}
