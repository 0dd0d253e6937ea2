package dev.vigil.logs.fanout;

import java.util.Map;

/**
 * Asks an instance for one page of a stream's entries in [from, to) (Unix ns), oldest first when
 * {@code forward}, at most {@code limit}, after skipping the first {@code skip} of them.
 */
public record EntriesRequest(Map<String, String> stream, long from, long to, boolean forward, int skip, int limit) {
    public EntriesRequest {
        stream = stream == null ? Map.of() : Map.copyOf(stream);
    }
}
