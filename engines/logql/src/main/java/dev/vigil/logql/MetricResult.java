package dev.vigil.logql;

import java.util.List;

/**
 * Result of a metric query, by Loki's result types: {@code scalar} and {@code vector} for instant
 * queries, {@code matrix} for range queries.
 */
public sealed interface MetricResult {
    /** Loki's {@code resultType} name. */
    String resultType();

    /** A number, from a query of literals only. */
    record Scalar(long timestampNanos, double value) implements MetricResult {
        @Override
        public String resultType() {
            return "scalar";
        }
    }

    /** Samples at one time; in the query's order for sort, sort_desc, topk and bottomk, else by labels. */
    record Vector(List<Sample> samples) implements MetricResult {
        public Vector {
            samples = List.copyOf(samples);
        }

        @Override
        public String resultType() {
            return "vector";
        }
    }

    /** Series ordered by labels, each with points at the steps where it has a value. */
    record Matrix(List<Series> series) implements MetricResult {
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public String resultType() {
            return "matrix";
        }
    }
}
