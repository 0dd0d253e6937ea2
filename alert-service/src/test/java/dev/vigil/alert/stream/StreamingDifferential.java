package dev.vigil.alert.stream;

import dev.vigil.alert.rules.EvaluationResult;
import dev.vigil.alert.rules.OutgoingAlert;
import dev.vigil.alert.rules.QueryException;
import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.alert.rules.RuleGroupDefinition;
import dev.vigil.alert.rules.RuleTemplates;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Value;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one rule group two ways over the same arrivals of samples and records what each sends:
 * <ul>
 *   <li><b>timer</b>: the group evaluated at its slots, every rule through the PromQL engine over
 *   the metrics service's own store (a {@link Tsdb} fed in arrival order), as the query API answers;</li>
 *   <li><b>streaming</b>: the same group as the alert service runs it with streaming on: its
 *   streamable alerting rules evaluated over a {@link WindowStore} that keeps only the watched
 *   series, once per batch of arrivals that touched them, and at every slot (the other rules
 *   through the store, as above).</li>
 * </ul>
 * Arrivals with the same arrival time form one batch, as the samples of one poll do.
 */
final class StreamingDifferential {
    static final long LOOKBACK_MS = 300_000;
    static final long OUT_OF_ORDER_MS = 600_000;

    /** A sample with the time it reaches the stores. */
    record Arrival(long atMs, Labels labels, long t, double v) {
    }

    /** An alert as sent, with the evaluation time that sent it. */
    record Sent(Instant ts, OutgoingAlert alert) {
    }

    /** Everything one side sent, and how many evaluations it ran. */
    record Side(List<Sent> sent, int evaluations) {
    }

    private final Engine engine = new Engine(EngineOptions.defaults().withLookbackDeltaMs(LOOKBACK_MS));
    final Side timer;
    final Side streaming;
    final int streamedRules;

    StreamingDifferential(RuleGroupDefinition def, List<Arrival> arrivals, Duration defaultInterval, long endMs, Path dir)
            throws IOException {
        RuleTemplates templates = new RuleTemplates(Map.of(), "http://vigil.example.org");
        RuleGroup timerGroup = new RuleGroup(def, defaultInterval, RuleGroup.DEFAULT_RESEND_DELAY, templates, "");
        RuleGroup streamGroup = new RuleGroup(def, defaultInterval, RuleGroup.DEFAULT_RESEND_DELAY, templates, "");
        Map<Integer, StreamableExpr> streamable = StreamingRules.streamable(streamGroup, LOOKBACK_MS);
        streamedRules = streamable.size();
        BitSet bits = new BitSet();
        Map<String, StreamableExpr> byExpr = new HashMap<>();
        List<List<LabelMatcher>> watches = new ArrayList<>();
        long window = 0;
        for (Map.Entry<Integer, StreamableExpr> e : streamable.entrySet()) {
            bits.set(e.getKey());
            byExpr.put(def.rules().get(e.getKey()).expr(), e.getValue());
            window = Math.max(window, e.getValue().windowMs());
            e.getValue().selectors().forEach(m -> watches.add(Tenants.scope(m, Tenants.DEFAULT)));
        }
        long retain = window + 60_000;
        WindowStore window60 = new WindowStore(retain, OUT_OF_ORDER_MS);
        List<Sent> timerSent = new ArrayList<>();
        List<Sent> streamSent = new ArrayList<>();
        int timerEvals = 0;
        int streamEvals = 0;
        try (Tsdb tsdb = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            QueryFunction api = (expr, t) -> answer(tsdb, expr, t);
            QueryFunction local = (expr, t) -> {
                StreamableExpr s = byExpr.get(expr);
                return s == null ? api.query(expr, t) : s.answer(engine, window60, Tenants.DEFAULT, t);
            };
            long first = arrivals.isEmpty() ? endMs : arrivals.get(0).atMs();
            Instant slot = timerGroup.evaluationTime(Instant.ofEpochMilli(first)).plus(timerGroup.interval());
            int i = 0;
            while (slot.toEpochMilli() <= endMs || i < arrivals.size()) {
                long batchAt = i < arrivals.size() ? arrivals.get(i).atMs() : Long.MAX_VALUE;
                if (batchAt <= slot.toEpochMilli()) {
                    boolean touched = false;
                    while (i < arrivals.size() && arrivals.get(i).atMs() == batchAt) {
                        Arrival a = arrivals.get(i++);
                        tsdb.append(a.labels(), a.t(), a.v());
                        if (watched(a.labels(), watches) && window60.series(a.labels()).append(a.t(), a.v())) {
                            touched = true;
                        }
                    }
                    window60.forgetOlderThan(batchAt - retain); // as the follower sweeps, here at every batch
                    if (touched) {
                        Instant at = Instant.ofEpochMilli(batchAt);
                        Instant ts = streamGroup.notBeforeLastEvaluation(at);
                        record(streamSent, ts, streamGroup.evaluateAlerting(ts, local, bits));
                        streamEvals++;
                    }
                    continue;
                }
                if (slot.toEpochMilli() > endMs) {
                    break;
                }
                record(timerSent, slot, timerGroup.evaluate(slot, api));
                record(streamSent, slot, streamGroup.evaluate(slot, local));
                timerEvals++;
                streamEvals++;
                slot = slot.plus(timerGroup.interval());
            }
        }
        timer = new Side(timerSent, timerEvals);
        streaming = new Side(streamSent, streamEvals);
    }

    private static boolean watched(Labels labels, List<List<LabelMatcher>> watches) {
        for (List<LabelMatcher> w : watches) {
            if (LabelMatcher.matchAll(w, labels)) {
                return true;
            }
        }
        return false;
    }

    private static void record(List<Sent> out, Instant ts, EvaluationResult r) {
        if (!r.errors().isEmpty()) {
            throw new AssertionError("rules failed at " + ts + ": " + r.errors());
        }
        r.alerts().forEach(a -> out.add(new Sent(ts, a)));
    }

    /** What the query API answers: the engine over the tenant's view of the store. */
    private List<VectorSample> answer(Tsdb tsdb, String expr, Instant t) throws QueryException {
        Value v;
        try {
            v = engine.instantQuery(new TenantStorage(tsdb, Tenants.DEFAULT), expr, t.toEpochMilli()).value();
        } catch (RuntimeException e) {
            throw new QueryException(e.getMessage(), e);
        }
        // a scalar answer is one sample without labels, as the query client reads it
        return v instanceof Scalar sc ? List.of(new VectorSample(Labels.EMPTY, sc.value())) : StreamableExpr.vectorSamples(v);
    }

    /** One firing of an alert: from its start to its resolution (null while it still fires), with its first annotations. */
    record Episode(Instant start, Instant resolved, Map<String, String> annotations) {
    }

    /** Each alert's firings in order of start, from what was sent. */
    static Map<Labels, List<Episode>> timeline(List<Sent> sent) {
        Map<Labels, TreeMap<Instant, Episode>> byAlert = new TreeMap<>();
        for (Sent s : sent) {
            OutgoingAlert a = s.alert();
            TreeMap<Instant, Episode> episodes = byAlert.computeIfAbsent(a.labels(), l -> new TreeMap<>());
            Episode e = episodes.get(a.startsAt());
            boolean resolved = !a.endsAt().isAfter(s.ts());
            if (e == null) {
                episodes.put(a.startsAt(), new Episode(a.startsAt(), resolved ? a.endsAt() : null, a.annotations()));
            } else if (resolved && e.resolved() == null) {
                episodes.put(a.startsAt(), new Episode(e.start(), a.endsAt(), e.annotations()));
            }
        }
        Map<Labels, List<Episode>> out = new TreeMap<>();
        byAlert.forEach((l, e) -> out.put(l, List.copyOf(e.values())));
        return out;
    }
}
