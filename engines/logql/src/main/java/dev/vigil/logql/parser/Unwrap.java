package dev.vigil.logql.parser;

import java.util.List;

/**
 * {@code | unwrap label}, {@code | unwrap duration(label)}, {@code | unwrap bytes(label)}, with the
 * label filters written after it (they see the {@code SampleExtractionErr} a bad value raises).
 */
public record Unwrap(String label, Conversion conversion, List<LabelFilterExpr> postFilters) {
    public Unwrap {
        postFilters = List.copyOf(postFilters);
    }

    /** How the label value becomes a number. */
    public enum Conversion {
        FLOAT(""), DURATION("duration"), DURATION_SECONDS("duration_seconds"), BYTES("bytes");

        private final String function;

        Conversion(String function) {
            this.function = function;
        }

        /** The name written in the query, empty for a plain float. */
        public String function() {
            return function;
        }
    }
}
