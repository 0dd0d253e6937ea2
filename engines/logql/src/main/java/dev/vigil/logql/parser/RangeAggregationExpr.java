package dev.vigil.logql.parser;

import java.util.Optional;
import java.util.OptionalDouble;

/** {@code op([param,] logRange) [by|without (...)]}, e.g. {@code rate({app="a"}[1m])}. */
public record RangeAggregationExpr(String op, LogRange range, OptionalDouble param, Optional<Grouping> grouping)
        implements SampleExpr {
    @Override
    public String toString() {
        return Printer.print(this);
    }
}
