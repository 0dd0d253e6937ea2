package dev.vigil.logql.parser;

import dev.vigil.model.LabelMatcher;

import java.util.List;

/** A stream selector and the pipeline its lines go through: {@code {app="a"} |= "x" | json}. */
public record LogSelectorExpr(List<LabelMatcher> matchers, List<Stage> stages) implements Expr {
    public LogSelectorExpr {
        matchers = List.copyOf(matchers);
        stages = List.copyOf(stages);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
