package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.pipeline.LabelsBuilder;
import dev.vigil.model.Labels;

/** Loki refuses metric results that carry {@code __error__}: the user must filter errors out explicitly. */
final class PipelineErrors {
    private PipelineErrors() {
    }

    static void check(Labels series) {
        String err = series.get(LabelsBuilder.ERROR);
        if (!err.isEmpty()) {
            throw new LogqlException("pipeline error: '" + err + "' for series: '" + series + "'.\n"
                    + "Use a label filter to intentionally skip this error. (e.g | __error__!=\"" + err + "\").\n"
                    + "To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"
                    + "The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n");
        }
    }
}
