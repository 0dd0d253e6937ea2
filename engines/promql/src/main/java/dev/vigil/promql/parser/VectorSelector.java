package dev.vigil.promql.parser;

import dev.vigil.model.LabelMatcher;

import java.util.List;

/**
 * An instant vector selector. {@code name} is the metric name as written ("" when only given as a
 * matcher); {@code matchers} include the {@code __name__} matcher derived from it.
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs, AtModifier at) implements Expr {
    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    public VectorSelector withOffset(long offset) {
        return new VectorSelector(name, matchers, offset, at);
    }

    public VectorSelector withAt(AtModifier modifier) {
        return new VectorSelector(name, matchers, offsetMs, modifier);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
