package dev.vigil.alert.stream;

import dev.vigil.alert.rules.ExpressionParser;
import dev.vigil.alert.rules.RuleDefinition;
import dev.vigil.alert.rules.RuleFileLoader;
import dev.vigil.alert.rules.RuleGroupDefinition;
import dev.vigil.alert.stream.StreamingDifferential.Arrival;
import dev.vigil.alert.stream.StreamingDifferential.Episode;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.model.StaleNaN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The equivalence of streaming and timer evaluation: the same rule files over the same arrivals
 * of samples give the same alert timeline (the same alerts, labels and annotations, as many
 * firings each, every start and resolution by streaming no later than by the timer and less than
 * one evaluation interval before it).
 *
 * <p>Streaming evaluates more often than the timer, so it catches what the expression answers
 * between two scheduled runs; the timelines are equal when every answer lasts at least one
 * evaluation interval. The streams here are shaped so: every series is scraped at the same times
 * (one collector), every scrape interval (15 s) is at least the evaluation interval, and the
 * rules' windows are multiples of the scrape interval.
 */
class StreamingDifferentialTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final long SCRAPE_MS = 15_000;

    @TempDir
    Path dir;

    /** Hand-written shapes of every kind that streams, over random-walk data. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void generatedStreamsGiveTheTimersTimeline(long seed) throws IOException {
        Path rules = dir.resolve("generated.yml");
        Files.writeString(rules, """
                groups:
                  - name: generated
                    interval: 15s
                    rules:
                      - alert: High
                        expr: x > 50
                        labels: {severity: warning}
                        annotations:
                          summary: "{{ $labels.instance }} of {{ $labels.job }} is high"
                          description: "now {{ $value }}"
                      - alert: HighRate
                        expr: sum by (job) (rate(c_total[1m])) > 2
                      - alert: PeakHeld
                        expr: max_over_time(x[2m]) > 80
                        for: 1m
                      - alert: LowAverage
                        expr: avg without (instance) (x) < 30
                      - alert: RatioLow
                        expr: (x / y) * 100 < 20
                      - alert: KeepFiring
                        expr: y >= 100
                        keep_firing_for: 1m
                      - alert: Counted
                        expr: count by (job) (x > 10) >= 2
                      - alert: EitherHigh
                        expr: x > 90 or y > 90
                      - alert: NotStreamed
                        expr: x offset 1m > 50
                """);
        List<Labels> series = new ArrayList<>();
        for (String job : List.of("a", "b")) {
            for (int i = 1; i <= 4; i++) {
                for (String name : List.of("x", "y", "c_total")) {
                    series.add(Labels.of(Labels.METRIC_NAME, name, "job", job, "instance", "host-" + i));
                }
            }
        }
        RuleGroupDefinition def = load(rules).get(0);
        StreamingDifferential d = run(def, scrapes(series, seed, Duration.ofHours(3)));
        assertEquals(8, d.streamedRules, "every rule but the one with an offset streams");
        assertSameTimeline(def, d, Duration.ofSeconds(15), 7);
    }

    /** The node_exporter mixin's alerts (as published) over series shaped by their selectors. */
    @Test
    void nodeMixinAlertsGiveTheTimersTimeline() throws IOException {
        assertMixin(Path.of("src/test/resources/rules/mixins/node-mixin-alerts.yaml"), 6, 3);
    }

    /** The Windows mixin's alerts (as published) over series shaped by their selectors. */
    @Test
    void windowsMixinAlertsGiveTheTimersTimeline() throws IOException {
        assertMixin(Path.of("src/test/resources/rules/mixins/windows-mixin-alerts.yaml"), 4, 2);
    }

    private void assertMixin(Path file, int minStreamed, int minFiring) throws IOException {
        for (RuleGroupDefinition def : load(file)) {
            Set<Labels> series = new LinkedHashSet<>();
            for (RuleDefinition r : def.rules()) {
                StreamableExpr.of(r.expr(), StreamingDifferential.LOOKBACK_MS)
                        .ifPresent(s -> s.selectors().forEach(m -> series.addAll(seriesFor(m))));
            }
            StreamingDifferential d = run(def, scrapes(new ArrayList<>(series), 7, Duration.ofHours(6)));
            assertTrue(d.streamedRules >= minStreamed, def.name() + ": " + d.streamedRules + " rules stream");
            assertSameTimeline(def, d, Duration.ofSeconds(15), minFiring);
        }
    }

    private StreamingDifferential run(RuleGroupDefinition def, List<Arrival> arrivals) throws IOException {
        long end = arrivals.get(arrivals.size() - 1).atMs() + Duration.ofMinutes(30).toMillis();
        // groups without an interval run every 15 s: the scrape interval, so the timer sees every answer
        return new StreamingDifferential(def, arrivals, Duration.ofSeconds(15), end, Files.createTempDirectory(dir, "tsdb"));
    }

    private static List<RuleGroupDefinition> load(Path file) {
        return new RuleFileLoader(ExpressionParser.PROMQL).load(file);
    }

    /**
     * Samples of {@code series} every 15 s at the same times, each scrape arriving 5–200 ms after
     * its timestamp (a sample reaches the stores after it was taken), for {@code length}: gauges
     * hold one of a few levels and move to another now and then, counters grow by one of a few
     * rates. At two thirds, the series of one instance in three end with a staleness marker and
     * those of another just stop (a target that went away).
     */
    static List<Arrival> scrapes(List<Labels> series, long seed, Duration length) {
        Random random = new Random(seed);
        double[] levels = {0, 0.5, 1, 2, 16, 20, 50, 100, 120};
        double[] increments = {0, 1, 10, 1000};
        int n = series.size();
        double[] value = new double[n];
        int[] regime = new int[n];
        int[] fate = new int[n];
        for (int i = 0; i < n; i++) {
            regime[i] = random.nextInt(counter(series.get(i)) ? increments.length : levels.length);
            value[i] = counter(series.get(i)) ? 1e6 : levels[regime[i]];
            fate[i] = Math.floorMod(series.get(i).get("instance").hashCode(), 3);
        }
        List<Arrival> out = new ArrayList<>();
        long start = T0.toEpochMilli() + 7_000;
        long steps = length.toMillis() / SCRAPE_MS;
        for (long k = 0; k < steps; k++) {
            long t = start + k * SCRAPE_MS;
            long at = t + 5 + random.nextInt(196);
            for (int i = 0; i < n; i++) {
                boolean ending = k >= steps * 2 / 3;
                if (ending && fate[i] == 1) {
                    if (k == steps * 2 / 3) {
                        out.add(new Arrival(at, series.get(i), t, StaleNaN.VALUE));
                    }
                    continue;
                }
                if (ending && fate[i] == 2) {
                    continue;
                }
                boolean isCounter = counter(series.get(i));
                if (random.nextDouble() < 0.04) {
                    regime[i] = random.nextInt(isCounter ? increments.length : levels.length);
                }
                value[i] = isCounter ? value[i] + increments[regime[i]] : levels[regime[i]];
                out.add(new Arrival(at, series.get(i), t, value[i]));
            }
        }
        return out;
    }

    private static boolean counter(Labels l) {
        String name = l.metricName();
        return name.endsWith("_total") || name.endsWith("_count");
    }

    /**
     * Three instances of a series the selector matches: its equality matchers' values, a value
     * each other matcher accepts, and {@code job="node"} when the selector says nothing of job.
     */
    static List<Labels> seriesFor(List<LabelMatcher> matchers) {
        List<Labels> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Labels.Builder b = Labels.builder().set("job", "node").set("instance", "node-" + i);
            for (LabelMatcher m : matchers) {
                if (m.type() == MatchType.EQUAL) {
                    if (m.value().isEmpty()) {
                        b.remove(m.name());
                    } else {
                        b.set(m.name(), m.value());
                    }
                } else if (!m.matches(b.build().get(m.name()))) {
                    String v = List.of("x", "C:", "eth0", "md0", "/", "idle").stream().filter(m::matches).findFirst()
                            .orElseThrow(() -> new AssertionError("no value for " + m));
                    b.set(m.name(), v);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * Same alerts, as many firings each; streaming's starts and resolutions no later than the
     * timer's and less than {@code interval} before them; the same annotations, except those
     * that print the value (each side prints it at its own evaluation time).
     */
    private static void assertSameTimeline(RuleGroupDefinition def, StreamingDifferential d, Duration interval, int minFiring) {
        Map<Labels, List<Episode>> timer = StreamingDifferential.timeline(d.timer.sent());
        Map<Labels, List<Episode>> streaming = StreamingDifferential.timeline(d.streaming.sent());
        assertEquals(timer.keySet(), streaming.keySet(), def.name() + ": the same alerts");
        Set<String> fired = new TreeSet<>();
        for (Map.Entry<Labels, List<Episode>> e : timer.entrySet()) {
            List<Episode> byTimer = e.getValue();
            List<Episode> byStream = streaming.get(e.getKey());
            assertEquals(byTimer.size(), byStream.size(), e.getKey() + ": firings " + byTimer + " vs " + byStream);
            for (int i = 0; i < byTimer.size(); i++) {
                Episode t = byTimer.get(i);
                Episode s = byStream.get(i);
                String what = e.getKey() + " firing " + i + ": timer " + t + ", streaming " + s;
                assertWithin(s.start(), t.start(), interval, what);
                if (t.resolved() == null) {
                    assertNull(s.resolved(), what);
                } else {
                    assertFalse(s.resolved() == null, what);
                    assertWithin(s.resolved(), t.resolved(), interval, what);
                }
                assertEquals(t.annotations().keySet(), s.annotations().keySet(), what);
                RuleDefinition rule = def.rules().stream().filter(r -> r.name().equals(e.getKey().get("alertname"))).findFirst().orElseThrow();
                Map<String, String> templates = ((RuleDefinition.Alerting) rule).annotations();
                t.annotations().forEach((k, v) -> {
                    if (!templates.get(k).contains("$value") && !templates.get(k).contains(".Value")) {
                        assertEquals(v, s.annotations().get(k), what + ": annotation " + k);
                    }
                });
            }
            fired.add(e.getKey().get("alertname"));
        }
        assertTrue(fired.size() >= minFiring, def.name() + ": only " + fired + " fired; the data does not exercise the rules");
        assertTrue(d.streaming.evaluations() > d.timer.evaluations(), "streaming evaluated on arrival too");
    }

    private static void assertWithin(Instant streaming, Instant timer, Duration interval, String what) {
        assertFalse(streaming.isAfter(timer), what + ": streaming later than the timer");
        assertTrue(Duration.between(streaming, timer).compareTo(interval) < 0, what + ": more than an interval apart");
    }
}
