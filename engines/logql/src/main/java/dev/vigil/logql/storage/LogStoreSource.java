package dev.vigil.logql.storage;

import dev.vigil.logql.Direction;
import dev.vigil.logstore.Bytes;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.LogReader;
import dev.vigil.logstore.StreamRef;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LogSource} over the log store's {@link LogReader}. Line filters are pushed down as the
 * store's byte-level {@link LineFilter}s, so {@code |= "needle"} is matched on decompressed bytes
 * before any line becomes a {@code String}. Make one per query: it remembers the stream handles
 * that {@link #streams} returned so that {@link #entries} can open them.
 */
public final class LogStoreSource implements LogSource {
    private final LogReader reader;
    private final Map<Labels, StreamRef> refs = new ConcurrentHashMap<>();

    public LogStoreSource(LogReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        List<Labels> out = new ArrayList<>();
        for (StreamRef r : reader.streams(matchers, fromNanos, toNanos)) {
            refs.put(r.labels(), r);
            out.add(r.labels());
        }
        return out;
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        StreamRef ref = refs.get(stream);
        if (ref == null) {
            List<LabelMatcher> exact = new ArrayList<>();
            stream.forEach(l -> exact.add(LabelMatcher.equal(l.name(), l.value())));
            ref = reader.streams(exact, fromNanos, toNanos).stream().filter(r -> r.labels().equals(stream)).findFirst().orElse(null);
            if (ref == null) {
                return EntryIterator.of(List.<LogEntry>of().iterator());
            }
        }
        dev.vigil.logstore.Direction d = direction == Direction.FORWARD
                ? dev.vigil.logstore.Direction.FORWARD : dev.vigil.logstore.Direction.BACKWARD;
        return new CursorIterator(reader.entries(ref, fromNanos, toNanos, d, toLineFilter(filter)));
    }

    /** The engine's line filters as the store's byte-level filter. */
    static LineFilter toLineFilter(LinePredicate predicate) {
        LineFilter out = LineFilter.ACCEPT_ALL;
        for (LinePredicate.Term t : predicate.terms()) {
            LineFilter f = toLineFilter(t);
            out = out == LineFilter.ACCEPT_ALL ? f : out.and(f);
        }
        return out;
    }

    private static LineFilter toLineFilter(LinePredicate.Term t) {
        if (!t.regex() && t.alternatives().size() == 1) {
            String needle = t.alternatives().get(0);
            return t.negated() ? LineFilter.notContains(needle) : LineFilter.contains(needle);
        }
        if (!t.regex()) {
            byte[][] needles = t.alternatives().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            return (utf8, offset, length) -> {
                for (byte[] n : needles) {
                    if (Bytes.indexOf(utf8, offset, offset + length, n) >= 0) {
                        return !t.negated();
                    }
                }
                return t.negated();
            };
        }
        LinePredicate single = LinePredicate.of(List.of(t));
        return (utf8, offset, length) -> single.test(new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    /** Adapts the store's cursor (advance, then read) to an iterator. */
    private static final class CursorIterator implements EntryIterator {
        private final EntryCursor cursor;
        private boolean ready;
        private boolean done;

        CursorIterator(EntryCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            if (!ready && !done) {
                if (cursor.next()) {
                    ready = true;
                } else {
                    done = true;
                    cursor.close();
                }
            }
            return ready;
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = false;
            return new LogEntry(cursor.timestampNanos(), cursor.line(), cursor.metadata());
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
