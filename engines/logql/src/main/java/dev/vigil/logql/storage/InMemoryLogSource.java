package dev.vigil.logql.storage;

import dev.vigil.logql.Direction;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link LogSource} held in memory, for tests, benchmarks and the conformance suite. Entries of a
 * stream are kept sorted by timestamp (stable for equal timestamps, in insertion order).
 */
public final class InMemoryLogSource implements LogSource {
    private final Map<Labels, List<LogEntry>> streams = new TreeMap<>();

    /** Appends entries to a stream, creating it when new. */
    public InMemoryLogSource add(Labels stream, List<LogEntry> entries) {
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one label");
        }
        List<LogEntry> list = streams.computeIfAbsent(stream, k -> new ArrayList<>());
        list.addAll(entries);
        list.sort(Comparator.comparingLong(LogEntry::timestampNanos));
        return this;
    }

    /** Removes every stream. */
    public void clear() {
        streams.clear();
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        List<Labels> out = new ArrayList<>();
        for (Map.Entry<Labels, List<LogEntry>> e : streams.entrySet()) {
            if (matchers.stream().allMatch(m -> m.matches(e.getKey().get(m.name())))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        List<LogEntry> all = streams.getOrDefault(stream, List.of());
        int lo = firstAtOrAfter(all, fromNanos);
        int hi = firstAtOrAfter(all, toNanos);
        List<LogEntry> out = new ArrayList<>();
        for (int i = lo; i < hi; i++) {
            LogEntry e = all.get(i);
            if (filter.test(e.line())) {
                out.add(e);
            }
        }
        if (direction == Direction.BACKWARD) {
            Collections.reverse(out);
        }
        return EntryIterator.of(out.iterator());
    }

    private static int firstAtOrAfter(List<LogEntry> entries, long t) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).timestampNanos() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
