package dev.vigil.promql.parser;

import java.util.List;
import java.util.Optional;

/** An aggregation such as {@code sum by (job) (x)} or {@code topk(3, x)}. */
public record AggregateExpr(Aggregation op, Expr expr, Optional<Expr> param, List<String> grouping, boolean without)
        implements Expr {
    public AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
