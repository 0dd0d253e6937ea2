package dev.vigil.model;

/** One log line: Unix nanoseconds, the line, and Loki-style structured metadata (not indexed). */
public record LogEntry(long timestampNanos, String line, Labels metadata) {
    public LogEntry(long timestampNanos, String line) {
        this(timestampNanos, line, Labels.EMPTY);
    }
}
