package dev.vigil.collector.scrape;

import java.util.List;
import java.util.Map;

/** A parsed scrape body: the samples in exposition order and the metadata by family name. */
public record Exposition(List<ParsedSample> samples, Map<String, MetricMetadata> metadata) {
    public Exposition {
        samples = List.copyOf(samples);
        metadata = Map.copyOf(metadata);
    }
}
