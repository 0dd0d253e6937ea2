package dev.vigil.promql.parser;

/** A subquery {@code expr[range:step]}; {@code stepMs} is 0 when the default evaluation interval applies. */
public record SubqueryExpr(Expr expr, long rangeMs, long stepMs, long offsetMs, AtModifier at) implements Expr {
    public SubqueryExpr withOffset(long offset) {
        return new SubqueryExpr(expr, rangeMs, stepMs, offset, at);
    }

    public SubqueryExpr withAt(AtModifier modifier) {
        return new SubqueryExpr(expr, rangeMs, stepMs, offsetMs, modifier);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
