package dev.vigil.alert.routing;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's dispatcher without goroutines: {@link #receive} stores an alert and adds it to
 * the aggregation group of every route it matches; {@link #tick} flushes each group whose timer
 * is due at the clock's current time. Time comes only from the injected {@link Clock}, so a
 * caller (a scheduler in the service, a test) decides when time passes; {@link #nextDeadline}
 * says when the next tick is needed. Thread-safe: receive and tick may come from different threads.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private final Route root;
    private final FlushHandler handler;
    private final Clock clock;
    private final AlertStore store = new AlertStore();
    private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
    private final List<AlertListener> listeners;

    /** Called with every stored alert, e.g. so the inhibitor sees source alerts. */
    @FunctionalInterface
    public interface AlertListener {
        void stored(Alert alert);
    }

    public Dispatcher(Route root, FlushHandler handler, Clock clock, List<AlertListener> listeners) {
        this.root = root;
        this.handler = handler;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** Stores the alert (merging with an earlier update) and routes it into groups. */
    public synchronized void receive(Alert alert) {
        Instant now = clock.instant();
        Alert stored = store.put(alert, now);
        listeners.forEach(l -> l.stored(stored));
        for (Route r : root.match(stored.labels())) {
            var labels = r.groupLabels(stored.labels());
            String key = AggregationGroup.groupKey(r, labels);
            AggregationGroup g = groups.computeIfAbsent(key, k -> new AggregationGroup(r, labels, now));
            g.insert(stored, now);
        }
    }

    /**
     * Flushes every group that is due now and returns how many flushed. The flush handler runs
     * outside the dispatcher's lock, so slow receivers do not hold up {@link #receive}; a group
     * being flushed is not due again before its group_interval.
     */
    public int tick() {
        Instant now = clock.instant();
        List<Map.Entry<AggregationGroup, GroupFlush>> started = new ArrayList<>();
        synchronized (this) {
            for (AggregationGroup g : groups.values()) {
                if (g.due(now)) {
                    g.startFlush(now).ifPresent(f -> started.add(Map.entry(g, f)));
                }
            }
        }
        List<Boolean> results = new ArrayList<>();
        for (Map.Entry<AggregationGroup, GroupFlush> e : started) {
            boolean ok;
            try {
                ok = handler.flush(e.getValue());
            } catch (RuntimeException ex) {
                // One broken flush must not stop the others, nor the caller's scheduler.
                LOG.warn("flush of group " + e.getValue().groupKey() + " failed", ex);
                ok = false;
            }
            results.add(ok);
        }
        synchronized (this) {
            for (int i = 0; i < started.size(); i++) {
                started.get(i).getKey().finishFlush(started.get(i).getValue(), results.get(i));
            }
            groups.values().removeIf(AggregationGroup::isEmpty);
            store.removeResolved(now);
        }
        return started.size();
    }

    /** When the earliest group timer fires; empty when there is no group. */
    public synchronized Optional<Instant> nextDeadline() {
        return groups.values().stream().map(AggregationGroup::nextFlush).min(Comparator.naturalOrder());
    }

    /** The current aggregation groups. */
    public synchronized List<AggregationGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Every alert known, firing or recently resolved. */
    public synchronized List<Alert> alerts() {
        return store.all();
    }

    public Route root() {
        return root;
    }
}
