package dev.vigil.logql.parser;

/** {@code vector(x)}: a one-sample vector with no labels. */
public record VectorExpr(double value) implements SampleExpr {
    @Override
    public String toString() {
        return Printer.print(this);
    }
}
