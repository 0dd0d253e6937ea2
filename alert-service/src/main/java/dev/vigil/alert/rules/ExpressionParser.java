package dev.vigil.alert.rules;

import dev.vigil.promql.parser.Parser;
import dev.vigil.promql.parser.ParseException;

/**
 * Checks the syntax of a rule expression when a rule file is loaded. {@link #PROMQL} uses Vigil's
 * PromQL parser; LogQL rule files can pass the LogQL parser the same way.
 */
@FunctionalInterface
public interface ExpressionParser {

    /** Throws {@link IllegalArgumentException} with the parser's message when {@code expr} is invalid. */
    void check(String expr);

    /** PromQL, as Prometheus 2.42 parses it. */
    ExpressionParser PROMQL = expr -> {
        try {
            Parser.parse(expr);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    };
}
