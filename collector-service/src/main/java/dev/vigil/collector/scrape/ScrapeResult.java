package dev.vigil.collector.scrape;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one scrape.
 *
 * @param samples        the scraped samples with target labels and metric relabelling applied,
 *                       followed by {@code up}, {@code scrape_duration_seconds},
 *                       {@code scrape_samples_scraped} and {@code scrape_samples_post_metric_relabeling};
 *                       on failure only those four
 * @param up             whether the scrape succeeded
 * @param error          why it failed
 * @param samplesScraped how many samples the body held (also when it exceeded the sample limit)
 * @param metadata       HELP, TYPE and UNIT of the body's families, by family name (empty on failure)
 */
public record ScrapeResult(List<MetricSample> samples, boolean up, Optional<String> error, int samplesScraped,
                           Map<String, MetricMetadata> metadata) {
    public ScrapeResult {
        samples = List.copyOf(samples);
        metadata = Map.copyOf(metadata);
    }

    public ScrapeResult(List<MetricSample> samples, boolean up, Optional<String> error, int samplesScraped) {
        this(samples, up, error, samplesScraped, Map.of());
    }
}
