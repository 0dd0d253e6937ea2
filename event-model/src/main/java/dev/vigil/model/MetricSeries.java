package dev.vigil.model;

import java.util.List;

/** One series of a metric batch: its labels (including {@code __name__}) and samples in time order. */
public record MetricSeries(Labels labels, List<Sample> samples) {
    public MetricSeries {
        samples = List.copyOf(samples);
    }
}
