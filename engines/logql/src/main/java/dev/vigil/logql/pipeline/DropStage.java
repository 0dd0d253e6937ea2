package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.Stage;

import java.util.List;

/** {@code | drop a, b="x"}: removes labels, a conditional one only when its value matches. */
final class DropStage implements PipelineStage {
    private final List<Stage.LabelSpec> specs;

    DropStage(List<Stage.LabelSpec> specs) {
        this.specs = specs;
    }

    @Override
    public boolean process(LogLine entry) {
        LabelsBuilder l = entry.labels();
        for (Stage.LabelSpec s : specs) {
            if (s.matcher().map(m -> m.matches(l.get(s.name()))).orElse(true)) {
                l.delete(s.name());
            }
        }
        return true;
    }
}
