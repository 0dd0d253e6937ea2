package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.scrape.relabel.RelabelRule;
import dev.vigil.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScraperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private FakeExporter exporter;
    private Scraper scraper;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        exporter = new FakeExporter();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        scraper = new Scraper(client, CLOCK);
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    private ScrapeTarget target() {
        return ScrapeTarget.of("app", exporter.url());
    }

    private static Optional<MetricSample> find(ScrapeResult r, String name) {
        return r.samples().stream().filter(s -> s.labels().metricName().equals(name)).findFirst();
    }

    @Test
    void scrapesTextFormatAndAddsTargetLabelsAndSyntheticSeries() {
        exporter.body = "# HELP a Requests served.\n# TYPE a counter\na_total{code=\"200\"} 5\nb 2 1600000000000\n";
        ScrapeResult r = scraper.scrape(target());
        assertEquals(new MetricMetadata("counter", "Requests served.", ""), r.metadata().get("a"), "HELP and TYPE, for /api/v1/metadata");
        String instance = "127.0.0.1:" + exporter.url().getPort();
        assertTrue(r.up(), r.error().toString());
        assertEquals(List.of(
                new MetricSample(Labels.of("__name__", "a_total", "code", "200", "job", "app", "instance", instance), CLOCK.millis(), 5),
                new MetricSample(Labels.of("__name__", "b", "job", "app", "instance", instance), 1600000000000L, 2),
                new MetricSample(Labels.of("__name__", "up", "job", "app", "instance", instance), CLOCK.millis(), 1),
                new MetricSample(Labels.of("__name__", "scrape_duration_seconds", "job", "app", "instance", instance), CLOCK.millis(), 0),
                new MetricSample(Labels.of("__name__", "scrape_samples_scraped", "job", "app", "instance", instance), CLOCK.millis(), 2),
                new MetricSample(Labels.of("__name__", "scrape_samples_post_metric_relabeling", "job", "app", "instance", instance),
                        CLOCK.millis(), 2)),
                r.samples());
    }

    @Test
    void negotiatesLikePrometheusAndReadsGzippedOpenMetrics() {
        exporter.contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        exporter.gzip = true;
        exporter.body = "# TYPE c counter\nc_total 3 1600000000.25\nc_created 1\n# EOF\n";
        ScrapeResult r = scraper.scrape(target());
        assertTrue(r.up(), r.error().toString());
        assertEquals(1600000000250L, find(r, "c_total").orElseThrow().timestampMs());
        assertTrue(find(r, "c_created").isEmpty());
        assertEquals(Scraper.ACCEPT, exporter.lastRequestHeaders.getFirst("Accept"));
        assertEquals("gzip", exporter.lastRequestHeaders.getFirst("Accept-encoding"));
        assertEquals("10.000", exporter.lastRequestHeaders.getFirst("X-prometheus-scrape-timeout-seconds"));
    }

    @Test
    void ignoresExposedTimestampsWhenNotHonored() {
        exporter.body = "b 2 1600000000000\n";
        ScrapeResult r = scraper.scrape(target().withHonorTimestamps(false));
        assertEquals(CLOCK.millis(), find(r, "b").orElseThrow().timestampMs());
    }

    @Test
    void timesOutHangingTarget() {
        exporter.hang = true;
        ScrapeResult r = scraper.scrape(target().withTimeout(Duration.ofMillis(300)));
        assertFalse(r.up());
        assertEquals(Optional.of("scrape timed out after 300ms"), r.error());
        assertEquals(0.0, find(r, "up").orElseThrow().value());
        assertEquals(4, r.samples().size(), "only the synthetic series");
    }

    @Test
    void exceedingSampleLimitFailsTheWholeScrape() {
        exporter.body = "a 1\nb 2\nc 3\n";
        ScrapeResult r = scraper.scrape(target().withSampleLimit(2));
        assertFalse(r.up());
        assertEquals(Optional.of("sample_limit exceeded: 3 samples, limit 2"), r.error());
        assertTrue(find(r, "a").isEmpty());
        assertEquals(3.0, find(r, "scrape_samples_scraped").orElseThrow().value());
        assertTrue(scraper.scrape(target().withSampleLimit(3)).up());
    }

    @Test
    void metricRelabelRulesRewriteAndDropSamplesAfterTheTargetLabelsAndBeforeTheSampleLimit() {
        exporter.body = "go_gc_duration_seconds 1\nhttp_requests_total{code=\"200\",path=\"/a\"} 5\n"
                + "http_requests_total{code=\"500\",path=\"/a\"} 1\n";
        List<RelabelRule> rules = List.of(
                RelabelRule.of(List.of("__name__"), null, "go_.*", null, null, null, "drop"),
                RelabelRule.of(List.of("job", "code"), ":", "(.*):5..", null, "class", "${1}-error", null),
                RelabelRule.of(null, null, "path", null, null, null, "labeldrop"));
        ScrapeTarget t = new ScrapeTarget(exporter.url(), Labels.of("job", "app", "instance", "i:1"), Duration.ofSeconds(5),
                false, true, 2, rules, Optional.empty());
        ScrapeResult r = scraper.scrape(t);
        assertTrue(r.up(), r.error().toString());
        assertEquals(List.of(Labels.of("__name__", "http_requests_total", "code", "200", "job", "app", "instance", "i:1"),
                Labels.of("__name__", "http_requests_total", "code", "500", "class", "app-error", "job", "app", "instance", "i:1")),
                r.samples().subList(0, 2).stream().map(MetricSample::labels).toList());
        assertEquals(3.0, find(r, "scrape_samples_scraped").orElseThrow().value());
        assertEquals(2.0, find(r, "scrape_samples_post_metric_relabeling").orElseThrow().value(),
                "the limit of 2 counts what is left after relabelling");

        List<RelabelRule> nameless = List.of(RelabelRule.of(null, null, "__name__", null, null, null, "labeldrop"));
        ScrapeResult broken = scraper.scrape(new ScrapeTarget(exporter.url(), Labels.of("job", "app"), Duration.ofSeconds(5),
                false, true, 0, nameless, Optional.empty()));
        assertEquals(Optional.of("missing metric name (__name__ label)"), broken.error());
        List<RelabelRule> dashed = List.of(RelabelRule.of(List.of("__name__"), null, "go_(.*)", null, "__name__", "go-$1", null));
        ScrapeResult invalid = scraper.scrape(new ScrapeTarget(exporter.url(), Labels.of("job", "app"), Duration.ofSeconds(5),
                false, true, 0, dashed, Optional.empty()));
        assertTrue(invalid.error().orElseThrow().startsWith("invalid metric name or label names: "), invalid.error().toString());
    }

    @Test
    void sendsTheConfiguredAuthorizationReadingItsFileAtEveryScrape(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "first\n");
        ScrapeTarget t = new ScrapeTarget(exporter.url(), Labels.of("job", "app"), Duration.ofSeconds(5), false, true, 0, List.of(),
                Optional.of(new ScrapeAuth("Bearer", "", token, "")));
        exporter.body = "a 1\n";
        assertTrue(scraper.scrape(t).up());
        assertEquals("Bearer first", exporter.lastRequestHeaders.getFirst("Authorization"));
        Files.writeString(token, "rotated");
        scraper.scrape(t);
        assertEquals("Bearer rotated", exporter.lastRequestHeaders.getFirst("Authorization"));
        scraper.scrape(t.withLabels(Labels.of("job", "app")).withTimeout(Duration.ofSeconds(4)));
        assertEquals("Bearer rotated", exporter.lastRequestHeaders.getFirst("Authorization"), "kept by the with* copies");
        ScrapeTarget basic = new ScrapeTarget(exporter.url(), Labels.of("job", "app"), Duration.ofSeconds(5), false, true, 0,
                List.of(), Optional.of(new ScrapeAuth("Basic", "s3cret", null, "vigil")));
        scraper.scrape(basic);
        assertEquals("Basic dmlnaWw6czNjcmV0", exporter.lastRequestHeaders.getFirst("Authorization"));
        assertFalse(basic.toString().contains("s3cret"), "targets are logged: no secret in their text");
        Files.writeString(token, "line-one\nline-two");
        String error = scraper.scrape(t).error().orElseThrow();
        assertTrue(error.contains("cannot carry") && !error.contains("line-one"), "scrape errors are logged: no secret in them: " + error);
        Files.delete(token);
        assertTrue(scraper.scrape(t).error().orElseThrow().startsWith("unable to read authorization credentials"));
    }

    @Test
    void honorLabelsDecidesWhoseJobWins() {
        exporter.body = "pushed{job=\"batch\",instance=\"\"} 1\n";
        String instance = "127.0.0.1:" + exporter.url().getPort();
        MetricSample kept = find(scraper.scrape(target()), "pushed").orElseThrow();
        assertEquals(Labels.of("__name__", "pushed", "job", "app", "exported_job", "batch", "instance", instance), kept.labels());
        MetricSample honored = find(scraper.scrape(target().withHonorLabels(true)), "pushed").orElseThrow();
        assertEquals(Labels.of("__name__", "pushed", "job", "batch", "instance", instance), honored.labels());
    }

    @Test
    void reportsHttpErrorsAndBadBodiesAsDown() {
        exporter.status = 503;
        assertEquals(Optional.of("server returned HTTP status 503"), scraper.scrape(target()).error());
        exporter.status = 200;
        exporter.body = "ok 1\nbroken{ 1\n";
        ScrapeResult r = scraper.scrape(target());
        assertFalse(r.up());
        assertTrue(r.error().orElseThrow().startsWith("invalid text format body: line 2: "), r.error().toString());
    }

    @Test
    void unreachableTargetIsDown() {
        exporter.close();
        ScrapeResult r = scraper.scrape(target().withTimeout(Duration.ofSeconds(2)));
        assertFalse(r.up());
        assertTrue(r.error().orElseThrow().startsWith("scrape failed: "), r.error().toString());
    }

    @Test
    void bodiesPastTheLimitFailTheScrapeBeforeOrAfterGzip() {
        Scraper small = new Scraper(client, CLOCK, 4_096);
        exporter.body = "# TYPE big gauge\n" + "big{i=\"x\"} 1\n".repeat(1_000); // 15 KB, squeezed to a few hundred bytes by gzip
        ScrapeResult plain = small.scrape(target());
        assertFalse(plain.up());
        assertTrue(plain.error().orElseThrow().contains("body size limit exceeded"), plain.error().toString());
        exporter.gzip = true;
        ScrapeResult gzipped = small.scrape(target());
        assertFalse(gzipped.up());
        assertTrue(gzipped.error().orElseThrow().contains("after gzip"), gzipped.error().toString());
        assertTrue(scraper.scrape(target()).up(), "within the default limit the same body is scraped");
    }
}
