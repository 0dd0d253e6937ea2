package dev.vigil.promql.parser;

/** A node of a parsed PromQL expression; {@link Printer#print(Expr)} renders it back to PromQL. */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
        Call, AggregateExpr, BinaryExpr, UnaryExpr, ParenExpr {
    ValueType type();
}
