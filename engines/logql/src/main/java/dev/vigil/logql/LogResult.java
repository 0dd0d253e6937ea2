package dev.vigil.logql;

import java.util.List;

/** Result of a log query: streams ordered by labels, at most {@code limit} entries in all. */
public record LogResult(List<StreamResult> streams) {
    public LogResult {
        streams = List.copyOf(streams);
    }

    /** Total number of entries over all streams. */
    public int entryCount() {
        return streams.stream().mapToInt(s -> s.entries().size()).sum();
    }
}
