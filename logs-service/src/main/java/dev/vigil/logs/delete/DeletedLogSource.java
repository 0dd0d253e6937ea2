package dev.vigil.logs.delete;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * A tenant's streams with its deletion requests applied: the entries a request deletes are left
 * out of every query, log and metric, from the moment the request is accepted (Loki's
 * query-time filtering of deletes that the compactor has not yet carried out).
 */
public final class DeletedLogSource implements LogSource {
    private final LogSource source;
    private final Supplier<List<DeleteFilter>> filters;

    /** @param filters the tenant's requests, asked again for every stream read (a long tail sees new ones) */
    public DeletedLogSource(LogSource source, Supplier<List<DeleteFilter>> filters) {
        this.source = source;
        this.filters = filters;
    }

    public static LogSource of(LogSource source, Supplier<List<DeleteFilter>> filters) {
        return new DeletedLogSource(source, filters);
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return source.streams(matchers, fromNanos, toNanos);
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        EntryIterator all = source.entries(stream, fromNanos, toNanos, direction, filter);
        List<DeleteFilter> concerned = filters.get().stream().filter(f -> f.concerns(stream, fromNanos, toNanos)).toList();
        return concerned.isEmpty() ? all : new Skipping(all, stream, concerned);
    }

    /** The entries of one stream that no request deletes. */
    private static final class Skipping implements EntryIterator {
        private final EntryIterator all;
        private final Labels stream;
        private final List<DeleteFilter> filters;
        private LogEntry next;

        Skipping(EntryIterator all, Labels stream, List<DeleteFilter> filters) {
            this.all = all;
            this.stream = stream;
            this.filters = filters;
        }

        @Override
        public boolean hasNext() {
            while (next == null && all.hasNext()) {
                LogEntry e = all.next();
                if (filters.stream().noneMatch(f -> f.deletes(stream, e))) {
                    next = e;
                }
            }
            return next != null;
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LogEntry e = next;
            next = null;
            return e;
        }

        @Override
        public void close() {
            all.close();
        }
    }
}
