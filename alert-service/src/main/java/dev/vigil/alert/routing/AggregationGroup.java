package dev.vigil.alert.routing;

import dev.vigil.gotemplate.GoFormat;
import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one route that share the group labels, and the group's timer, as Alertmanager's
 * {@code aggrGroup}: the first flush comes {@code group_wait} after creation (at once for an
 * alert older than that), then one every {@code group_interval}. After a successful flush,
 * resolved alerts that were not updated meanwhile leave the group.
 */
public final class AggregationGroup {
    private final Route route;
    private final Labels labels;
    private final String key;
    private final Map<Long, Alert> alerts = new HashMap<>();
    private Instant nextFlush;
    private boolean hasFlushed;

    AggregationGroup(Route route, Labels labels, Instant now) {
        this.route = route;
        this.labels = labels;
        this.key = groupKey(route, labels);
        this.nextFlush = now.plus(route.groupWait());
    }

    /** Alertmanager's group key: {@code routeKey:groupLabels}, e.g. {@code {}/{severity="page"}:{alertname="X"}}. */
    public static String groupKey(Route route, Labels labels) {
        StringBuilder sb = new StringBuilder(route.key()).append(":{");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.name(i)).append('=').append(GoFormat.quote(labels.value(i)));
        }
        return sb.append('}').toString();
    }

    void insert(Alert alert, Instant now) {
        alerts.put(alert.fingerprint(), alert);
        // An alert that has already waited group_wait elsewhere should not wait again.
        if (!hasFlushed && alert.startsAt().plus(route.groupWait()).isBefore(now)) {
            nextFlush = now;
        }
    }

    boolean due(Instant now) {
        return !nextFlush.isAfter(now);
    }

    /**
     * Starts a flush: schedules the next one and snapshots the alerts; empty when there is
     * nothing to notify about.
     */
    java.util.Optional<GroupFlush> startFlush(Instant now) {
        nextFlush = now.plus(route.groupInterval());
        hasFlushed = true;
        if (alerts.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Alert> snapshot = new ArrayList<>(alerts.values());
        snapshot.sort(AlertOrder.INSTANCE);
        return java.util.Optional.of(new GroupFlush(key, route, labels, snapshot, now));
    }

    /**
     * Ends a flush: after success, resolved alerts that were not updated meanwhile leave the
     * group (an update means the alert may fire again and must be notified).
     */
    void finishFlush(GroupFlush flush, boolean success) {
        if (!success) {
            return;
        }
        for (Alert a : flush.alerts()) {
            Alert current = alerts.get(a.fingerprint());
            if (a.resolvedAt(flush.now()) && current != null && current.updatedAt().equals(a.updatedAt())) {
                alerts.remove(a.fingerprint());
            }
        }
    }

    boolean isEmpty() {
        return alerts.isEmpty();
    }

    public Route route() {
        return route;
    }

    public Labels labels() {
        return labels;
    }

    public String key() {
        return key;
    }

    public Instant nextFlush() {
        return nextFlush;
    }

    /** The group's alerts, in notification order. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(alerts.values());
        out.sort(AlertOrder.INSTANCE);
        return out;
    }
}
