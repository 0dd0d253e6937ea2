package dev.vigil.logql.parser;

/** Comparison in a numeric, duration or bytes label filter. */
public enum CompareOp {
    EQ("=="), NEQ("!="), GT(">"), GTE(">="), LT("<"), LTE("<=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Applies the comparison to {@code a op b}. */
    public boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NEQ -> a != b;
            case GT -> a > b;
            case GTE -> a >= b;
            case LT -> a < b;
            case LTE -> a <= b;
        };
    }
}
