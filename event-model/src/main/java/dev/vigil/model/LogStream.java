package dev.vigil.model;

import java.util.List;

/** One stream of a log batch: its labels and entries in time order. */
public record LogStream(Labels labels, List<LogEntry> entries) {
    public LogStream {
        entries = List.copyOf(entries);
    }
}
