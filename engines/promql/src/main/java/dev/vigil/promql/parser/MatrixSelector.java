package dev.vigil.promql.parser;

/** A range vector selector: a vector selector and a range; offset and {@code @} live on the selector. */
public record MatrixSelector(VectorSelector selector, long rangeMs) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
