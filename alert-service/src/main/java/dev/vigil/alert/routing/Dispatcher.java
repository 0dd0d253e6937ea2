package dev.vigil.alert.routing;

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
 * says when the next tick is needed. Synchronized: receive and tick may come from different threads.
 */
public final class Dispatcher {
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

    /** Flushes every group that is due now; returns how many flushed. */
    public synchronized int tick() {
        Instant now = clock.instant();
        int flushed = 0;
        for (AggregationGroup g : new ArrayList<>(groups.values())) {
            if (g.due(now)) {
                g.flush(now, handler);
                flushed++;
                if (g.isEmpty()) {
                    groups.remove(g.key());
                }
            }
        }
        store.removeResolved(now);
        return flushed;
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
