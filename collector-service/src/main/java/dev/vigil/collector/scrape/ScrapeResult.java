package dev.vigil.collector.scrape;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one scrape.
 *
 * @param samples        the scraped samples with target labels applied, followed by {@code up},
 *                       {@code scrape_duration_seconds} and {@code scrape_samples_scraped}; on
 *                       failure only those three
 * @param up             whether the scrape succeeded
 * @param error          why it failed
 * @param samplesScraped how many samples the body held (also when it exceeded the sample limit)
 */
public record ScrapeResult(List<MetricSample> samples, boolean up, Optional<String> error, int samplesScraped) {
    public ScrapeResult {
        samples = List.copyOf(samples);
    }
}
