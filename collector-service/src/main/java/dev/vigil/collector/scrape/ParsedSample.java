package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import java.util.OptionalLong;

/**
 * One sample line of an exposition: its labels (the metric name under {@code __name__}), value,
 * and the timestamp the exporter gave it, in milliseconds, if any.
 */
public record ParsedSample(Labels labels, double value, OptionalLong timestampMs) {
}
