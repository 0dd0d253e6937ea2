package dev.vigil.logs.fanout;

import java.util.Map;

/** One log entry between instances: Unix ns timestamp, line, structured metadata (often empty). */
public record WireEntry(long t, String line, Map<String, String> metadata) {
    public WireEntry {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
