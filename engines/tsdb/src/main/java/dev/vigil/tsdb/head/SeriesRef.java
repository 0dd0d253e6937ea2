package dev.vigil.tsdb.head;

import dev.vigil.model.Labels;

/**
 * A writer's handle on one series: after its first append it points at the series itself, so
 * later appends skip the lookup by label set (hashing, probing, comparing). It stays correct when
 * the series is dropped by retention or belongs to another head: the append then looks it up again.
 * Not thread-safe; a writer keeps one per series it writes.
 */
public final class SeriesRef {
    private final Labels labels;
    MemSeries series;
    Head head;

    public SeriesRef(Labels labels) {
        this.labels = labels;
    }

    public Labels labels() {
        return labels;
    }
}
