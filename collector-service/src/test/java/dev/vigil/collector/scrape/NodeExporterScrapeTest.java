package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scrapes a real node_exporter started by the test. */
class NodeExporterScrapeTest {
    @Test
    void scrapesRealNodeExporter() throws Exception {
        try (NodeExporterProcess exporter = NodeExporterProcess.start()) {
            ScrapeResult r = new Scraper(HttpClient.newHttpClient(), Clock.systemUTC())
                    .scrape(ScrapeTarget.of("node", exporter.metricsUrl()));
            assertTrue(r.up(), "scrape failed: " + r.error());
            Set<String> names = r.samples().stream().map(s -> s.labels().metricName()).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("node_exporter_build_info", "process_start_time_seconds", "node_scrape_collector_success",
                    "go_gc_duration_seconds_count", "up")), names.toString());
            assertEquals(r.samplesScraped() + 4, r.samples().size(), "the scraped samples and the four scrape series");
            r.samples().forEach(s -> assertEquals("node", s.labels().get("job")));
        }
    }
}
