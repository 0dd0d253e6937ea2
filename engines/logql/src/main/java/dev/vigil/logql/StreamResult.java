package dev.vigil.logql;

import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;

import java.util.List;

/**
 * One stream of a log query result: its labels after the pipeline (stream labels, structured
 * metadata and extracted labels) and its entries in the query's direction.
 */
public record StreamResult(Labels labels, List<LogEntry> entries) {
    public StreamResult {
        entries = List.copyOf(entries);
    }
}
