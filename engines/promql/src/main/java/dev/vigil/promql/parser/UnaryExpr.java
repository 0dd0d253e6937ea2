package dev.vigil.promql.parser;

/** Unary minus or plus applied to a scalar or instant vector expression. */
public record UnaryExpr(boolean negate, Expr expr) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }
}
