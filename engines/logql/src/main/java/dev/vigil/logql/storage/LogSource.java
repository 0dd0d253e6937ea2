package dev.vigil.logql.storage;

import dev.vigil.logql.Direction;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.List;

/**
 * What the LogQL engine reads: streams selected by label matchers, and each stream's entries in a
 * time range. Time ranges are half-open, [fromNanos, toNanos). Implementations: the in-memory
 * {@link InMemoryLogSource} (tests, benchmarks) and {@link LogStoreSource} over the log store.
 */
public interface LogSource {
    /** Label sets of the streams that satisfy every matcher and may hold entries in [fromNanos, toNanos). */
    List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos);

    /**
     * Entries of {@code stream} with fromNanos &lt;= timestamp &lt; toNanos, oldest first for
     * {@link Direction#FORWARD} and newest first for {@link Direction#BACKWARD}. Entries that fail
     * {@code filter} may be left out (see {@link LinePredicate}). The caller closes the iterator.
     */
    EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter);
}
