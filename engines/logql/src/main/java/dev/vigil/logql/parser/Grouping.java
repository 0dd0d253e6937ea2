package dev.vigil.logql.parser;

import java.util.List;

/** {@code by (a, b)} or {@code without (a, b)}. */
public record Grouping(boolean without, List<String> labels) {
    public Grouping {
        labels = List.copyOf(labels);
    }
}
