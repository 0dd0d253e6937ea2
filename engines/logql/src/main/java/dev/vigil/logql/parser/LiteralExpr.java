package dev.vigil.logql.parser;

/** A number, which evaluates to a scalar. */
public record LiteralExpr(double value) implements SampleExpr {
    @Override
    public String toString() {
        return Printer.print(this);
    }
}
