package dev.vigil.alert.notify;

import dev.vigil.alert.routing.Fingerprint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The notification log (Alertmanager's nflog): the last {@link NotificationEntry} per group and
 * integration, so flushes send only what is new and a restarted service that {@link #restore}s
 * the log does not resend within the repeat interval. Every change goes to the {@code onChange}
 * listener (to be written to a compacted topic); {@link #toJson}/{@link #fromJson} are that
 * record's value format. Thread-safe.
 */
public final class NotificationLog {
    private final Clock clock;
    private final Consumer<NotificationEntry> onChange;
    private final Map<String, NotificationEntry> entries = new HashMap<>();

    public NotificationLog(Clock clock, Consumer<NotificationEntry> onChange) {
        this.clock = clock;
        this.onChange = onChange;
    }

    public NotificationLog(Clock clock) {
        this(clock, e -> { });
    }

    public synchronized Optional<NotificationEntry> get(String groupKey, String integration) {
        return Optional.ofNullable(entries.get(groupKey + "\u0000" + integration));
    }

    /** Records a successful send (or a deliberate skip) and returns the entry. */
    public NotificationEntry log(String groupKey, String integration, Set<Long> firing, Set<Long> resolved,
            Instant now, Instant expiresAt) {
        NotificationEntry e = new NotificationEntry(groupKey, integration, firing, resolved, now, expiresAt);
        synchronized (this) {
            entries.put(e.key(), e);
        }
        onChange.accept(e);
        return e;
    }

    /** Loads persisted entries; an entry older than one already held is ignored. */
    public synchronized void restore(Collection<NotificationEntry> persisted) {
        for (NotificationEntry e : persisted) {
            NotificationEntry cur = entries.get(e.key());
            if (cur == null || cur.timestamp().isBefore(e.timestamp())) {
                entries.put(e.key(), e);
            }
        }
    }

    /** Drops expired entries; returns their keys (to tombstone them in the topic). */
    public synchronized List<String> gc() {
        Instant now = clock.instant();
        List<String> dropped = new ArrayList<>();
        entries.values().removeIf(e -> {
            boolean expired = !e.expiresAt().isAfter(now);
            if (expired) {
                dropped.add(e.key());
            }
            return expired;
        });
        return dropped;
    }

    public synchronized List<NotificationEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The JSON value of a state-topic record; fingerprints as 16-digit hex strings. */
    public static String toJson(NotificationEntry e) {
        ObjectNode o = GoJson.object();
        o.put("groupKey", e.groupKey());
        o.put("integration", e.integration());
        hexArray(o.putArray("firingAlerts"), e.firing());
        hexArray(o.putArray("resolvedAlerts"), e.resolved());
        o.put("timestamp", e.timestamp().toString());
        o.put("expiresAt", e.expiresAt().toString());
        return GoJson.write(o);
    }

    private static void hexArray(ArrayNode a, Set<Long> fps) {
        fps.stream().sorted(Long::compareUnsigned).forEach(fp -> a.add(Fingerprint.hex(fp)));
    }

    /** @throws IllegalArgumentException when the JSON is not an entry */
    public static NotificationEntry fromJson(String json) {
        try {
            JsonNode o = GoJson.MAPPER.readTree(json);
            return new NotificationEntry(text(o, "groupKey"), text(o, "integration"), fps(o.path("firingAlerts")),
                    fps(o.path("resolvedAlerts")), Instant.parse(text(o, "timestamp")), Instant.parse(text(o, "expiresAt")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a notification log entry: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String f) {
        JsonNode n = o.get(f);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing field " + f);
        }
        return n.asText();
    }

    private static Set<Long> fps(JsonNode a) {
        Set<Long> out = new HashSet<>();
        for (JsonNode n : a) {
            out.add(Long.parseUnsignedLong(n.asText(), 16));
        }
        return out;
    }
}
