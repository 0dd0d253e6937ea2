package dev.vigil.metrics.rest;

import dev.vigil.promql.parser.Durations;
import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.query.QueryStorage;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus' {@code /api/v1/targets} for the targets the collectors scrape, read from what every
 * scrape publishes: the synthetic {@code up} and {@code scrape_duration_seconds} series. A target
 * is active while its {@code up} has a sample within the lookback delta; its interval is the
 * spacing of its last two scrapes. The collectors do not publish their discovery or the scrape
 * error text, so {@code discoveredLabels} holds only the address and job, {@code scrapeUrl} and
 * {@code scrapeTimeout} are empty and a failed scrape's {@code lastError} says only that it failed.
 * Nothing is dropped by relabelling, so {@code droppedTargets} is empty.
 */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {
    private final QueryStorage all;
    private final MetricsConfig config;
    private final RequestTenant tenant;

    public TargetsResource(QueryStorage all, MetricsConfig config, RequestTenant tenant) {
        this.all = all;
        this.config = config;
        this.tenant = tenant;
    }

    private record Scrape(Labels target, long last, long previous, double up) {
    }

    @GET
    public Map<String, Object> targets(@QueryParam("state") String state, @QueryParam("scrapePool") String pool) {
        // as Prometheus: no state or "any" shows both lists, an unknown state neither
        String s = state == null ? "" : state.toLowerCase(Locale.ROOT);
        boolean active = s.isEmpty() || s.equals("any") || s.equals("active");
        Map<String, Object> data = new LinkedHashMap<>();
        // relabelling drops nothing here, so the dropped list is always empty
        data.put("activeTargets", active ? activeTargets(pool) : List.of());
        data.put("droppedTargets", List.of());
        return Map.of("status", "success", "data", data);
    }

    private List<Map<String, Object>> activeTargets(String pool) {
        long now = System.currentTimeMillis();
        long from = now - config.query().lookbackDelta().toMillis();
        TenantStorage storage = new TenantStorage(all, tenant.get());
        List<Scrape> scrapes = new ArrayList<>();
        for (Series series : storage.select(from, now, List.of(LabelMatcher.equal(Labels.METRIC_NAME, "up")))) {
            Scrape last = lastTwo(series, now);
            if (last != null && (pool == null || pool.isEmpty() || pool.equals(last.target().get("job")))) {
                scrapes.add(last);
            }
        }
        Map<Labels, Double> durations = new HashMap<>();
        for (Series series : storage.select(from, now, List.of(LabelMatcher.equal(Labels.METRIC_NAME, "scrape_duration_seconds")))) {
            Scrape last = lastTwo(series, now);
            if (last != null) {
                durations.put(last.target(), last.up());
            }
        }
        scrapes.sort(Comparator.comparing((Scrape x) -> String.valueOf(x.target().get("job")))
                .thenComparing(x -> String.valueOf(x.target().get("instance"))));
        List<Map<String, Object>> activeTargets = new ArrayList<>();
        for (Scrape x : scrapes) {
            String job = x.target().find("job").orElse("");
            String instance = x.target().find("instance").orElse("");
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("discoveredLabels", Map.of("__address__", instance, "job", job));
            t.put("labels", x.target().toMap());
            t.put("scrapePool", job);
            t.put("scrapeUrl", "");
            t.put("globalUrl", "");
            t.put("lastError", x.up() == 1 ? "" : "the last scrape failed (up is " + x.up() + ")");
            t.put("lastScrape", Instant.ofEpochMilli(x.last()).toString());
            t.put("lastScrapeDuration", durations.getOrDefault(x.target(), 0.0));
            t.put("health", x.up() == 1 ? "up" : "down");
            t.put("scrapeInterval", x.previous() == Long.MIN_VALUE ? "" : Durations.format(x.last() - x.previous()));
            t.put("scrapeTimeout", "");
            activeTargets.add(t);
        }
        return activeTargets;
    }

    /** The last sample at or before {@code now} and the time of the one before it; the labels without the name. */
    private static Scrape lastTwo(Series series, long now) {
        SampleCursor c = series.cursor();
        long last = Long.MIN_VALUE;
        long previous = Long.MIN_VALUE;
        double v = 0;
        while (c.next() && c.timestamp() <= now) {
            previous = last;
            last = c.timestamp();
            v = c.value();
        }
        if (last == Long.MIN_VALUE || StaleNaN.is(v)) {
            return null; // a target whose series were marked stale is gone
        }
        return new Scrape(series.labels().toBuilder().remove(Labels.METRIC_NAME).build(), last, previous, v);
    }
}
