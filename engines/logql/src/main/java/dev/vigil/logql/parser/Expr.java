package dev.vigil.logql.parser;

/**
 * A parsed LogQL query: either a log query ({@link LogSelectorExpr}) or a metric query
 * ({@link SampleExpr}). {@link Printer#print(Expr)} renders it back to LogQL.
 */
public sealed interface Expr permits LogSelectorExpr, SampleExpr {
}
