package dev.vigil.logql.parser;

import java.util.Optional;
import java.util.OptionalDouble;

/** {@code op [by|without (...)] ([param,] expr)}, e.g. {@code topk(3, rate(...))}. */
public record VectorAggregationExpr(String op, SampleExpr inner, OptionalDouble param, Optional<Grouping> grouping)
        implements SampleExpr {
    @Override
    public String toString() {
        return Printer.print(this);
    }
}
