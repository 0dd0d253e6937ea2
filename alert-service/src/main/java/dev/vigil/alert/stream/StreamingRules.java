package dev.vigil.alert.stream;

import dev.vigil.alert.rules.AlertingRule;
import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.Rule;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The rule groups' streaming side: which alerting rules stream ({@link StreamableExpr}), the
 * {@link MetricsFollower} that keeps their series' recent samples, evaluation of those rules over
 * that store with the same PromQL engine the metrics service runs, and the coalescing of
 * triggers: a group whose series got samples is evaluated once now, and once more after that
 * evaluation if samples came in meanwhile, never queued deeper.
 */
public final class StreamingRules implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUN_AGAIN = 2;

    private final Map<RuleGroup, BitSet> streamed = new IdentityHashMap<>();
    private final Map<String, StreamableExpr> exprs = new ConcurrentHashMap<>();
    private final Map<RuleGroup, AtomicInteger> state = new ConcurrentHashMap<>();
    private final Engine engine;
    private final ExecutorService executor;
    private final Consumer<RuleGroup> evaluate;
    private final MetricsFollower<RuleGroup> follower;

    /**
     * @param groups   the groups whose alerting rules may stream (LogQL groups excluded by the caller)
     * @param settings lookback delta, out-of-order window and series limit, as the metrics service's
     * @param evaluate runs a group's streamed rules now; called on {@code executor}
     */
    public StreamingRules(List<RuleGroup> groups, StreamingSettings settings, KafkaClientConfig kafka,
            ExecutorService executor, Consumer<RuleGroup> evaluate, Clock clock) {
        this.engine = new Engine(EngineOptions.defaults().withLookbackDeltaMs(settings.lookbackDeltaMs()));
        this.executor = executor;
        this.evaluate = evaluate;
        List<MetricsFollower.Watch<RuleGroup>> watches = new ArrayList<>();
        long window = 0;
        for (RuleGroup g : groups) {
            Map<Integer, StreamableExpr> found = streamable(g, settings.lookbackDeltaMs());
            if (found.isEmpty()) {
                continue;
            }
            BitSet bits = new BitSet();
            for (Map.Entry<Integer, StreamableExpr> e : found.entrySet()) {
                bits.set(e.getKey());
                exprs.put(key(g.tenant(), ((AlertingRule) g.rules().get(e.getKey())).definition().expr()), e.getValue());
                window = Math.max(window, e.getValue().windowMs());
                for (var matchers : e.getValue().selectors()) {
                    watches.add(new MetricsFollower.Watch<>(g, Tenants.scope(matchers, g.tenant())));
                }
            }
            streamed.put(g, bits);
        }
        this.follower = watches.isEmpty() ? null
                : new MetricsFollower<>(kafka, watches, window + settings.marginMs(), settings.outOfOrderWindowMs(),
                        settings.maxSeries(), this::samplesArrived, clock).start();
    }

    /** {@code g}'s alerting rules that stream, by their index in the group. */
    public static Map<Integer, StreamableExpr> streamable(RuleGroup g, long lookbackDeltaMs) {
        Map<Integer, StreamableExpr> out = new TreeMap<>();
        List<Rule> rules = g.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof AlertingRule a) {
                int index = i;
                StreamableExpr.of(a.definition().expr(), lookbackDeltaMs).ifPresent(s -> out.put(index, s));
            }
        }
        return out;
    }

    /** The indexes of {@code g}'s rules that stream (empty for none). */
    public BitSet streamedRules(RuleGroup g) {
        BitSet b = streamed.get(g);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** True when streamed rules are answered locally: the follower has read its backlog. */
    public boolean ready() {
        return follower != null && follower.ready();
    }

    /**
     * {@code remote}, except that a streamable expression is answered from the local store while
     * it is ready, for {@code tenant}'s series.
     */
    public QueryFunction queries(QueryFunction remote, String tenant) {
        return (expr, t) -> {
            StreamableExpr s = exprs.get(key(tenant, expr));
            if (s == null || !ready()) {
                return remote.query(expr, t);
            }
            return s.answer(engine, follower.store(), tenant, t);
        };
    }

    /** Expressions answer locally per tenant: the store watches a streamed rule's series for its own tenant only. */
    private static String key(String tenant, String expr) {
        return tenant + '\u0000' + expr;
    }

    private void samplesArrived(Set<RuleGroup> groups) {
        for (RuleGroup g : groups) {
            trigger(g);
        }
    }

    /** Evaluates {@code g}'s streamed rules soon: now if idle, once more after the running evaluation if not. */
    void trigger(RuleGroup g) {
        AtomicInteger st = state.computeIfAbsent(g, k -> new AtomicInteger(IDLE));
        while (true) {
            int s = st.get();
            if (s == IDLE && st.compareAndSet(IDLE, RUNNING)) {
                try {
                    executor.execute(() -> run(g, st));
                } catch (RejectedExecutionException e) {
                    st.set(IDLE); // shutting down
                }
                return;
            }
            if (s == RUN_AGAIN || (s == RUNNING && st.compareAndSet(RUNNING, RUN_AGAIN))) {
                return;
            }
        }
    }

    /** Evaluates until no trigger came during the last run; the evaluation logs its own failures. */
    private void run(RuleGroup g, AtomicInteger st) {
        boolean idle = false;
        try {
            do {
                st.set(RUNNING);
                evaluate.accept(g);
            } while (!st.compareAndSet(RUNNING, IDLE));
            idle = true;
        } finally {
            if (!idle) {
                st.set(IDLE); // whatever ended the run, the group must be triggerable again
            }
        }
    }

    /** How many series the local store holds, for the service's own metrics. */
    public int seriesHeld() {
        return follower == null ? 0 : follower.store().size();
    }

    @Override
    public void close() throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
    }
}
