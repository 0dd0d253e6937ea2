package dev.vigil.promql.parser;

import java.util.List;

/**
 * How the two sides of a vector/vector binary operation are matched: {@code on} or {@code ignoring}
 * the {@code labels}, the cardinality, and the labels {@code group_left/right} copies from the one side.
 */
public record VectorMatching(Cardinality card, List<String> labels, boolean on, List<String> include) {
    /** Which side may have many series per match group. */
    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }
}
