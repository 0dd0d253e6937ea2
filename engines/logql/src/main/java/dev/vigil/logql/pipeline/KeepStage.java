package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.Stage;

import java.util.List;

/**
 * {@code | keep a, b="x"}: removes every label not listed (a conditional one stays only when its
 * value matches). {@code __error__} is never removed by keep, as in Loki, so errors stay visible.
 */
final class KeepStage implements PipelineStage {
    private final List<Stage.LabelSpec> specs;

    KeepStage(List<Stage.LabelSpec> specs) {
        this.specs = specs;
    }

    @Override
    public boolean process(LogLine entry) {
        LabelsBuilder l = entry.labels();
        for (String name : l.names()) {
            if (name.equals(LabelsBuilder.ERROR)) {
                continue;
            }
            boolean keep = false;
            for (Stage.LabelSpec s : specs) {
                if (s.name().equals(name) && s.matcher().map(m -> m.matches(l.get(name))).orElse(true)) {
                    keep = true;
                    break;
                }
            }
            if (!keep) {
                l.delete(name);
            }
        }
        return true;
    }
}
