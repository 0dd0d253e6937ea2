package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.Stage;
import dev.vigil.logql.storage.LinePredicate;

import java.util.List;

/**
 * {@code |= "a" or "b"}, {@code != ...}, {@code |~ ...}, {@code !~ ...}: substring and regex
 * filters on the line. A regex matches anywhere in the line (Loki does not anchor line filters).
 */
final class LineFilterStage implements PipelineStage {
    private final LinePredicate.Term term;
    private final LinePredicate predicate;

    LineFilterStage(Stage.LineFilter f) {
        this.term = new LinePredicate.Term(f.op().negated(), f.op().regex(), f.alternatives());
        this.predicate = LinePredicate.of(List.of(term));
    }

    LinePredicate.Term term() {
        return term;
    }

    @Override
    public boolean process(LogLine entry) {
        return predicate.test(entry.line());
    }
}
