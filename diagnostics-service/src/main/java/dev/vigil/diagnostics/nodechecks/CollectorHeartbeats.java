package dev.vigil.diagnostics.nodechecks;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node's collector was last heard from: the newest {@code at} of any record it published
 * on {@code vigil.diagnostics.results}. Feeds the collector-on-every-node check.
 */
public final class CollectorHeartbeats {
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    public void record(String node, Instant at) {
        lastSeen.merge(node, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Map<String, Instant> snapshot() {
        return Map.copyOf(lastSeen);
    }
}
