package dev.vigil.promql.parser;

/** A parenthesised expression, kept so the printer reproduces the grouping. */
public record ParenExpr(Expr expr) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }
}
