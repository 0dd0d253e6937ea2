package dev.vigil.logql.parser;

/** A metric query: evaluates to a scalar or an instant vector at each evaluation time. */
public sealed interface SampleExpr extends Expr
        permits RangeAggregationExpr, VectorAggregationExpr, BinaryOpExpr, LiteralExpr, VectorExpr, LabelReplaceExpr {
}
