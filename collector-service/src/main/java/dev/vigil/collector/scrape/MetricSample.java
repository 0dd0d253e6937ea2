package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;

/** One scraped sample as it is published: full label set (with {@code __name__}), time in ms, value. */
public record MetricSample(Labels labels, long timestampMs, double value) {
}
