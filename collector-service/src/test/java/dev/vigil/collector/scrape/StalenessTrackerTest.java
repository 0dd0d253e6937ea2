package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staleness markers over real scrapes of a local exporter whose body changes between scrapes:
 * a series that disappears, a failed scrape, a target that goes away; a sample with its own
 * timestamp is not tracked.
 */
class StalenessTrackerTest {
    private static final long T0 = 1_700_000_000_000L;
    private final MovingClock clock = new MovingClock(T0);
    private FakeExporter exporter;
    private Scraper scraper;
    private String instance;

    @BeforeEach
    void start() throws Exception {
        exporter = new FakeExporter();
        scraper = new Scraper(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock);
        instance = "127.0.0.1:" + exporter.url().getPort();
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    @Test
    void aSeriesMissingFromTheNextScrapeIsMarkedStaleAtThatScrape() {
        StalenessTracker tracker = new StalenessTracker();
        exporter.body = "a 1\nb{x=\"1\"} 2\nb{x=\"2\"} 3\nexplicit 4 1600000000000\n";
        List<MetricSample> first = tracker.scraped("t", scraper.scrape(target()));
        assertEquals(0, stale(first).size(), "nothing is stale on a first scrape");

        clock.now = T0 + 15_000;
        exporter.body = "a 1\nb{x=\"1\"} 2\n";
        List<MetricSample> second = tracker.scraped("t", scraper.scrape(target()));
        assertEquals(List.of(new MetricSample(series("b", "x", "2"), T0 + 15_000, StaleNaN.VALUE)).toString(), stale(second).toString(),
                "b{x=2} went away; the sample with its own timestamp is not tracked");

        clock.now = T0 + 30_000;
        exporter.body = "a 1\nb{x=\"1\"} 2\nb{x=\"2\"} 3\n";
        assertEquals(0, stale(tracker.scraped("t", scraper.scrape(target()))).size(), "a series that comes back is simply there again");
    }

    @Test
    void aFailedScrapeMarksEveryScrapedSeriesButNotUp() {
        StalenessTracker tracker = new StalenessTracker();
        exporter.body = "a 1\nb 2\n";
        tracker.scraped("t", scraper.scrape(target()));
        clock.now = T0 + 15_000;
        exporter.status = 500;
        List<MetricSample> failed = tracker.scraped("t", scraper.scrape(target()));
        assertEquals(Set.of(series("a"), series("b")), labels(stale(failed)));
        assertTrue(failed.stream().anyMatch(s -> s.labels().metricName().equals("up") && s.value() == 0), "up is 0, not stale");
    }

    @Test
    void aTargetThatGoesAwayHasEverySeriesMarkedIncludingUp() {
        StalenessTracker tracker = new StalenessTracker();
        exporter.body = "a 1\n";
        tracker.scraped("t", scraper.scrape(target()));
        tracker.scraped("other", scraper.scrape(target()));
        assertEquals(List.of(), tracker.gone(Set.of("other"), T0 + 15_000), "one round's absence marks nothing");
        List<MetricSample> gone = tracker.gone(Set.of("other"), T0 + 30_000);
        assertEquals(Set.of(series("a"), series("up"), series("scrape_duration_seconds"), series("scrape_samples_scraped"),
                series("scrape_samples_post_metric_relabeling")), labels(gone));
        assertTrue(gone.stream().allMatch(s -> s.timestampMs() == T0 + 15_000 && StaleNaN.is(s.value())),
                "marked at the first round it missed, when its scrape was due");
        assertEquals(List.of(), tracker.gone(Set.of("other"), T0 + 45_000), "marked once, then forgotten");
    }

    @Test
    void aTargetMissingFromOneRoundOnlyIsNotMarked() {
        StalenessTracker tracker = new StalenessTracker();
        exporter.body = "a 1\n";
        tracker.scraped("t", scraper.scrape(target()));
        assertEquals(List.of(), tracker.gone(Set.of(), T0 + 15_000));
        tracker.scraped("t", scraper.scrape(target()));
        assertEquals(List.of(), tracker.gone(Set.of("t"), T0 + 30_000));
        assertEquals(List.of(), tracker.gone(Set.of(), T0 + 45_000), "its absence counts afresh");
    }

    @Test
    void anExposedUpIsLeftToTheReportSeries() {
        StalenessTracker tracker = new StalenessTracker();
        exporter.body = "up 1\na 1\n";
        tracker.scraped("t", scraper.scrape(target()));
        clock.now = T0 + 15_000;
        exporter.status = 500;
        List<MetricSample> failed = tracker.scraped("t", scraper.scrape(target()));
        assertEquals(Set.of(series("a")), labels(stale(failed)), "up is written as 0, not marked stale at the same time");
    }

    private ScrapeTarget target() {
        return ScrapeTarget.of("app", exporter.url());
    }

    private Labels series(String name, String... labels) {
        Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, name).set("job", "app").set("instance", instance);
        for (int i = 0; i < labels.length; i += 2) {
            b.set(labels[i], labels[i + 1]);
        }
        return b.build();
    }

    private static List<MetricSample> stale(List<MetricSample> samples) {
        return samples.stream().filter(s -> StaleNaN.is(s.value())).toList();
    }

    private static Set<Labels> labels(List<MetricSample> samples) {
        return Set.copyOf(samples.stream().map(MetricSample::labels).toList());
    }

    /** A clock the test moves between scrapes. */
    private static final class MovingClock extends Clock {
        volatile long now;

        MovingClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
