package dev.vigil.logql.parser;

/** {@code lhs op [bool] [on/ignoring(...)] [group_left/right(...)] rhs}. */
public record BinaryOpExpr(String op, SampleExpr lhs, SampleExpr rhs, boolean returnBool, VectorMatching matching)
        implements SampleExpr {
    /** True for {@code ==, !=, >, >=, <, <=}. */
    public boolean isComparison() {
        return switch (op) {
            case "==", "!=", ">", ">=", "<", "<=" -> true;
            default -> false;
        };
    }

    /** True for {@code and, or, unless}. */
    public boolean isSetOperator() {
        return op.equals("and") || op.equals("or") || op.equals("unless");
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
