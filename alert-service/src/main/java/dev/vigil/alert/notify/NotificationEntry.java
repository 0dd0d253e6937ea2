package dev.vigil.alert.notify;

import java.time.Instant;
import java.util.Set;

/**
 * What was last sent for one aggregation group to one integration: the fingerprints of the
 * alerts that were firing and resolved, when, and until when the entry matters.
 */
public record NotificationEntry(
        String groupKey,
        String integration,
        Set<Long> firing,
        Set<Long> resolved,
        Instant timestamp,
        Instant expiresAt) {

    public NotificationEntry {
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }

    /** The state-topic key: group key and integration, which together identify the entry. */
    public String key() {
        return groupKey + "\u0000" + integration;
    }

    /**
     * Alertmanager's DedupStage decision: send when nothing was sent yet (unless all is resolved),
     * when a new alert fires, when everything resolved after something was sent, when alerts
     * resolved and the integration sends resolved, or when {@code repeatInterval} has passed.
     */
    public static boolean needsUpdate(NotificationEntry entry, Set<Long> firing, Set<Long> resolved,
            boolean sendResolved, java.time.Duration repeatInterval, Instant now) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.firing.containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !entry.firing.isEmpty();
        }
        if (sendResolved && !entry.resolved.containsAll(resolved)) {
            return true;
        }
        return entry.timestamp.isBefore(now.minus(repeatInterval));
    }
}
