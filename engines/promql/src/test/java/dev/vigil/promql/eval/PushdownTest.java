package dev.vigil.promql.eval;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.promql.storage.MemoryStorage;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import dev.vigil.series.ArraySeries;
import dev.vigil.series.Partitions;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Range functions computed where the series live ({@link Partitions}) give the answers the
 * whole store gives: series split over two stores, one "local", the other answering as a peer
 * would (its own engine, a range query over the same steps), for per-series functions, inside
 * aggregations, binary operations and subqueries, with offsets, for range and instant queries.
 */
class PushdownTest {
    private static final long T0 = 1_700_000_000_000L;
    private final MemoryStorage whole = new MemoryStorage();
    private final MemoryStorage mine = new MemoryStorage();
    private final MemoryStorage theirs = new MemoryStorage();
    private final AtomicInteger pushed = new AtomicInteger();

    PushdownTest() {
        Random r = new Random(5);
        for (int i = 0; i < 40; i++) {
            Labels l = Labels.of("__name__", i % 3 == 0 ? "gauge" : "requests_total", "instance", "i" + (i % 7), "code", Integer.toString(200 + i),
                    "__tenant__", i % 5 == 0 ? "other" : "");
            double v = r.nextInt(100);
            for (int k = 0; k < 240; k++) {
                if (r.nextInt(40) == 0) {
                    continue; // a missed scrape
                }
                v = l.metricName().equals("gauge") ? r.nextGaussian() * 10 : (r.nextInt(60) == 0 ? r.nextInt(5) : v + r.nextInt(20));
                double value = k == 200 && i % 4 == 0 ? StaleNaN.VALUE : v;
                long t = T0 + k * 15_000L + i * 17;
                whole.add(l, t, value);
                (i % 2 == 0 ? mine : theirs).add(l, t, value);
            }
        }
    }

    /** The two halves as one store with partitions, the way the fan-out presents the cluster. */
    private Storage partitioned() {
        return partitioned(false);
    }

    /** {@code olderPeer}: the other half answers as an instance that does not evaluate for others. */
    private Storage partitioned(boolean olderPeer) {
        return new Storage() {
            @Override
            public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
                Map<Labels, Series> all = new TreeMap<>();
                mine.select(mint, maxt, matchers).forEach(s -> all.put(s.labels(), s));
                theirs.select(mint, maxt, matchers).forEach(s -> all.putIfAbsent(s.labels(), s));
                return new ArrayList<>(all.values());
            }

            @Override
            public Optional<Partitions> partitioning() {
                return Optional.of(new Partitions() {
                    @Override
                    public Storage local() {
                        return mine;
                    }

                    @Override
                    public CompletableFuture<Answer> evaluateElsewhere(String expr, String tenant, long startMs, long endMs, long stepMs,
                                                                       long lookbackDeltaMs, long maxSamples, long timeoutMs) {
                        pushed.incrementAndGet();
                        if (olderPeer) {
                            return CompletableFuture.failedFuture(new UnsupportedOperationException("404"));
                        }
                        Storage scope = tenant == null ? theirs : new TenantStorage(theirs, tenant);
                        Result r;
                        try {
                            r = new Engine(EngineOptions.defaults().withLookbackDeltaMs(lookbackDeltaMs).withMaxSamples(maxSamples))
                                    .rangeQuery(scope, expr, startMs, endMs, stepMs);
                        } catch (RuntimeException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                        List<Series> out = new ArrayList<>();
                        for (TimeSeries ts : ((Matrix) r.value()).series()) {
                            long[] t = ts.points().stream().mapToLong(Point::timestampMs).toArray();
                            double[] d = ts.points().stream().mapToDouble(Point::value).toArray();
                            out.add(new ArraySeries(ts.labels(), t, d, 0, t.length));
                        }
                        return CompletableFuture.completedFuture(new Answer(out, r.samplesLoaded()));
                    }
                });
            }
        };
    }

    private static final List<String> QUERIES = List.of(
            "rate(requests_total[5m])", "irate(requests_total[1m])", "increase(requests_total[10m] offset 5m)", "delta(gauge[5m])",
            "resets(requests_total[15m])", "changes(gauge[5m])", "deriv(gauge[5m])", "predict_linear(gauge[10m], 600)",
            "avg_over_time(gauge[5m])", "sum_over_time(requests_total[2m])", "min_over_time(gauge[3m])", "max_over_time(gauge[3m])",
            "count_over_time(requests_total[5m])", "last_over_time(gauge[5m])", "quantile_over_time(0.9, gauge[10m])",
            "stddev_over_time(gauge[5m])", "present_over_time(gauge[1m])",
            "sum by (instance) (rate(requests_total[5m]))", "topk(3, rate(requests_total[5m]))",
            "rate(requests_total[5m]) / on(instance, code) group_left irate(requests_total[2m])",
            "max_over_time(rate(requests_total[2m])[20m:1m])", "histogram_quantile(0.5, sum by (le) (rate(requests_total[5m])))",
            "count(rate(requests_total[5m]) > 1)", "rate({__name__=~\"requests_total|gauge\"}[5m])",
            "topk(5, last_over_time({__name__=~\".+\"}[5m]))");

    @Test
    void rangeQueriesAnswerAsTheWholeStoreDoes() {
        Engine engine = new Engine(EngineOptions.defaults());
        for (String tenant : new String[] {null, "other"}) {
            Storage all = tenant == null ? whole : new TenantStorage(whole, tenant);
            Storage split = tenant == null ? partitioned() : new TenantStorage(partitioned(), tenant);
            for (String q : QUERIES) {
                Value want = engine.rangeQuery(all, q, T0 + 600_000, T0 + 3_000_000, 60_000).value();
                Value got = engine.rangeQuery(split, q, T0 + 600_000, T0 + 3_000_000, 60_000).value();
                assertSame(q + " for tenant " + tenant, want, got);
            }
        }
        assertTrue(pushed.get() >= 2 * 20, "the per-series functions went to the other half: " + pushed.get());
    }

    @Test
    void instantQueriesAnswerAsTheWholeStoreDoes() {
        Engine engine = new Engine(EngineOptions.defaults());
        for (String q : QUERIES) {
            for (long t : new long[] {T0 + 601_000, T0 + 3_000_017}) {
                assertSame(q + " at " + t, engine.instantQuery(whole, q, t).value(), engine.instantQuery(partitioned(), q, t).value());
            }
        }
    }

    @Test
    void onlyOneMetricNamePerSelectorIsPushedUnlessTheNameIsKept() {
        Engine engine = new Engine(EngineOptions.defaults());
        int before = pushed.get();
        engine.rangeQuery(partitioned(), "rate({__name__=~\"requests_total|gauge\"}[5m])", T0 + 600_000, T0 + 900_000, 60_000);
        assertEquals(before, pushed.get(), "two names could meet under one label set once the name is dropped: not pushed");
        engine.rangeQuery(partitioned(), "last_over_time({__name__=~\".+\"}[5m])", T0 + 600_000, T0 + 900_000, 60_000);
        assertEquals(before + 1, pushed.get(), "last_over_time keeps the name");
    }

    @Test
    void anOlderPeerMakesTheEvaluatorReadRawSeriesInstead() {
        Engine engine = new Engine(EngineOptions.defaults());
        for (String q : List.of("rate(requests_total[5m])", "sum by (instance) (avg_over_time(gauge[5m]))")) {
            assertSame(q, engine.rangeQuery(whole, q, T0 + 600_000, T0 + 3_000_000, 60_000).value(),
                    engine.rangeQuery(partitioned(true), q, T0 + 600_000, T0 + 3_000_000, 60_000).value());
        }
    }

    @Test
    void theSampleBudgetCountsWhatEveryInstanceRead() {
        long wholeSamples = new Engine(EngineOptions.defaults()).rangeQuery(whole, "rate(requests_total[5m])", T0 + 600_000, T0 + 3_000_000, 60_000)
                .samplesLoaded();
        Result split = new Engine(EngineOptions.defaults()).rangeQuery(partitioned(), "rate(requests_total[5m])", T0 + 600_000, T0 + 3_000_000, 60_000);
        assertEquals(wholeSamples, split.samplesLoaded(), "this half's samples and the other half's");
        Engine tight = new Engine(EngineOptions.defaults().withMaxSamples(wholeSamples - 1));
        org.junit.jupiter.api.Assertions.assertThrows(TooManySamplesException.class,
                () -> tight.rangeQuery(partitioned(), "rate(requests_total[5m])", T0 + 600_000, T0 + 3_000_000, 60_000));
    }

    /** Same series and points; values equal, or within 1e-12 where an aggregation added them in another order. */
    private static void assertSame(String what, Value want, Value got) {
        Map<Labels, List<Point>> a = points(want);
        Map<Labels, List<Point>> b = points(got);
        assertEquals(a.keySet(), b.keySet(), what);
        a.forEach((labels, ps) -> {
            List<Point> qs = b.get(labels);
            assertEquals(ps.size(), qs.size(), what + " " + labels);
            for (int i = 0; i < ps.size(); i++) {
                double x = ps.get(i).value();
                double y = qs.get(i).value();
                assertEquals(ps.get(i).timestampMs(), qs.get(i).timestampMs(), what);
                assertTrue(Double.compare(x, y) == 0 || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)),
                        what + " " + labels + " at " + ps.get(i).timestampMs() + ": " + x + " vs " + y);
            }
        });
    }

    private static Map<Labels, List<Point>> points(Value v) {
        Map<Labels, List<Point>> out = new TreeMap<>();
        if (v instanceof Matrix m) {
            m.series().forEach(ts -> out.put(ts.labels(), ts.points()));
        } else if (v instanceof Vector vec) {
            vec.samples().forEach(s -> out.put(s.labels(), List.of(new Point(s.timestampMs(), s.value()))));
        }
        return out;
    }
}
