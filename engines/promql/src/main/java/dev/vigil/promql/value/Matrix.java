package dev.vigil.promql.value;

import java.util.List;

/** A range vector, or the result of a range query: series sorted by labels. */
public record Matrix(List<TimeSeries> series) implements Value {
    public Matrix {
        series = List.copyOf(series);
    }

    @Override
    public String resultType() {
        return "matrix";
    }
}
