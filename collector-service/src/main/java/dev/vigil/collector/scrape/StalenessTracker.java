package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Staleness markers as Prometheus' scrape loop writes them, so a query stops returning a series
 * the moment it is gone instead of five minutes later (the lookback delta):
 * <ul>
 *   <li>a series the previous scrape of a target had and this one has not gets a marker at this
 *   scrape's time; a failed scrape has no series, so all of them do (its {@code up} is 0);</li>
 *   <li>a target that is no longer scraped (gone from discovery for two rounds) gets a marker on
 *   every series it had, {@code up} and the other scrape series included, at the time its next
 *   scrape was due.</li>
 * </ul>
 * As in Prometheus, a sample that carries its own timestamp is not tracked (its series may come
 * and go by the exporter's clock). A scrape result's samples carry the scrape's start time unless
 * they had their own, so a sample is tracked when its time is the scrape's (that of {@code up}).
 * Not thread-safe: one scrape loop owns it.
 */
public final class StalenessTracker {
    /** The scrape series {@link Scraper} appends after the scraped ones, in this order. */
    private static final int REPORT_SERIES = 4;

    private final Map<String, Set<Labels>> scraped = new HashMap<>();
    private final Map<String, Set<Labels>> report = new HashMap<>();
    /** Targets missing from the last round, with that round's time. */
    private final Map<String, Long> missingSince = new HashMap<>();

    /**
     * The result's samples, followed by a staleness marker for each series the target's previous
     * scrape had and this one has not.
     *
     * @param target what identifies the target across scrapes (its URL and labels)
     */
    public List<MetricSample> scraped(String target, ScrapeResult result) {
        List<MetricSample> samples = result.samples();
        int reportFrom = samples.size() - REPORT_SERIES;
        long scrapeTime = samples.get(reportFrom).timestampMs();
        Set<Labels> reportNow = new HashSet<>();
        for (int i = reportFrom; i < samples.size(); i++) {
            reportNow.add(samples.get(i).labels());
        }
        Set<Labels> now = new HashSet<>();
        for (int i = 0; i < reportFrom; i++) {
            MetricSample s = samples.get(i);
            // an exposed "up" that became the report series' labels is the report series' to mark
            if (s.timestampMs() == scrapeTime && !reportNow.contains(s.labels())) {
                now.add(s.labels());
            }
        }
        List<MetricSample> out = new ArrayList<>(samples);
        for (Labels gone : scraped.getOrDefault(target, Set.of())) {
            if (!now.contains(gone)) {
                out.add(new MetricSample(gone, scrapeTime, StaleNaN.VALUE));
            }
        }
        scraped.put(target, now);
        report.put(target, reportNow);
        return out;
    }

    /**
     * Called once per round with the targets scraped in it. A target missing from two rounds in
     * a row is gone: every series it had gets a marker at {@code timestampMs} of the first round
     * it missed (when its next scrape was due), and it is forgotten. As Prometheus waits before
     * it ends a target's series, one round's absence (a discovery list that briefly lacked it)
     * marks nothing.
     */
    public List<MetricSample> gone(Set<String> present, long timestampMs) {
        List<MetricSample> out = new ArrayList<>();
        missingSince.keySet().retainAll(scraped.keySet());
        for (String target : new ArrayList<>(scraped.keySet())) {
            if (present.contains(target)) {
                missingSince.remove(target);
                continue;
            }
            Long since = missingSince.putIfAbsent(target, timestampMs);
            if (since == null) {
                continue; // first round without it
            }
            missingSince.remove(target);
            for (Labels l : scraped.remove(target)) {
                out.add(new MetricSample(l, since, StaleNaN.VALUE));
            }
            for (Labels l : report.remove(target)) {
                out.add(new MetricSample(l, since, StaleNaN.VALUE));
            }
        }
        return out;
    }
}
