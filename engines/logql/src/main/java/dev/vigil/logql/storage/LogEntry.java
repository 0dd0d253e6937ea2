package dev.vigil.logql.storage;

import dev.vigil.model.Labels;

/** One log line of a stream: nanosecond timestamp, the line, and its structured metadata (often empty). */
public record LogEntry(long timestampNanos, String line, Labels structuredMetadata) {
    public LogEntry(long timestampNanos, String line) {
        this(timestampNanos, line, Labels.EMPTY);
    }
}
