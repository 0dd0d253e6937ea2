package dev.vigil.alert.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every alert currently known, by fingerprint, with Alertmanager's merge rule for updates whose
 * active range overlaps the stored one. Not thread-safe: the dispatcher owns it.
 */
public final class AlertStore {
    private final Map<Long, Alert> alerts = new HashMap<>();

    /** Stores an update and returns what is now stored (the merge when the ranges overlap). */
    public Alert put(Alert alert, Instant now) {
        long fp = alert.fingerprint();
        Alert old = alerts.get(fp);
        Alert stored = alert;
        if (old != null) {
            boolean overlaps = (alert.endsAt().isAfter(old.startsAt()) && alert.endsAt().isBefore(old.endsAt()))
                    || (alert.startsAt().isAfter(old.startsAt()) && alert.startsAt().isBefore(old.endsAt()));
            if (overlaps) {
                stored = old.merge(alert, now);
            }
        }
        alerts.put(fp, stored);
        return stored;
    }

    public Optional<Alert> get(long fingerprint) {
        return Optional.ofNullable(alerts.get(fingerprint));
    }

    /** A snapshot of every stored alert. */
    public List<Alert> all() {
        return new ArrayList<>(alerts.values());
    }

    /** Drops alerts resolved at {@code now}; returns how many. */
    public int removeResolved(Instant now) {
        int before = alerts.size();
        alerts.values().removeIf(a -> a.resolvedAt(now));
        return before - alerts.size();
    }

    public int size() {
        return alerts.size();
    }
}
