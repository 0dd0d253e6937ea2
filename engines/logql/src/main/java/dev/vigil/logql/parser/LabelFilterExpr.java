package dev.vigil.logql.parser;

import dev.vigil.model.LabelMatcher;

/**
 * A label filter predicate: {@code level="error"}, {@code status >= 400}, {@code latency > 250ms},
 * {@code size > 1KB}, combined with {@code and} (also {@code ,} or a space) and {@code or}.
 */
public sealed interface LabelFilterExpr {
    /** String comparison with any of the four matchers. */
    record StringFilter(LabelMatcher matcher) implements LabelFilterExpr {
    }

    /** The label value read as a float. */
    record NumericFilter(String name, CompareOp op, double value) implements LabelFilterExpr {
    }

    /** The label value read as a Go duration, compared in nanoseconds. */
    record DurationFilter(String name, CompareOp op, long nanos) implements LabelFilterExpr {
    }

    /** The label value read as a humanized byte size. */
    record BytesFilter(String name, CompareOp op, double bytes) implements LabelFilterExpr {
    }

    /** Both sides must pass. */
    record And(LabelFilterExpr left, LabelFilterExpr right) implements LabelFilterExpr {
    }

    /** Either side must pass. */
    record Or(LabelFilterExpr left, LabelFilterExpr right) implements LabelFilterExpr {
    }
}
