package dev.vigil.promql.value;

import dev.vigil.model.Labels;

import java.util.List;

/** A series of a range result: labels and points in ascending time. */
public record TimeSeries(Labels labels, List<Point> points) {
    public TimeSeries {
        points = List.copyOf(points);
    }
}
