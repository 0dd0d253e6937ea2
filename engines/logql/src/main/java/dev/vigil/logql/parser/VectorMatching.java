package dev.vigil.logql.parser;

import java.util.List;

/**
 * How a binary operator pairs the samples of two vectors: {@code on(...)} / {@code ignoring(...)}
 * and {@code group_left(...)} / {@code group_right(...)}, as in PromQL.
 */
public record VectorMatching(Cardinality card, boolean on, List<String> labels, List<String> include) {
    public static final VectorMatching DEFAULT = new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }

    /** Pairing of samples across the two sides. */
    public enum Cardinality {
        ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY
    }
}
