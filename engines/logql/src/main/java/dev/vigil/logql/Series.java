package dev.vigil.logql;

import dev.vigil.model.Labels;

import java.util.List;

/** One series of a range result, points in time order. */
public record Series(Labels labels, List<Point> points) {
    public Series {
        points = List.copyOf(points);
    }
}
