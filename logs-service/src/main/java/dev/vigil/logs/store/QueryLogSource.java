package dev.vigil.logs.store;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.StreamRef;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * What LogQL queries read: the streams of every log-store partition this instance owns. A stream
 * lives in exactly one partition, so a select is the union and an entry read goes to the one
 * store that has the stream.
 */
@ApplicationScoped
public class QueryLogSource implements LogSource {
    private final LocalLogStores stores;

    public QueryLogSource(LocalLogStores stores) {
        this.stores = stores;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        TreeSet<Labels> out = new TreeSet<>();
        for (LogStore s : stores.stores()) {
            for (StreamRef ref : s.streams(matchers, fromNanos, toNanos)) {
                out.add(ref.labels());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Iterator<LogEntry> entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        List<LabelMatcher> exact = new ArrayList<>(stream.size());
        for (int i = 0; i < stream.size(); i++) {
            exact.add(LabelMatcher.equal(stream.name(i), stream.value(i)));
        }
        for (LogStore s : stores.stores()) {
            for (StreamRef ref : s.streams(exact, fromNanos, toNanos)) {
                if (ref.labels().equals(stream)) {
                    return iterate(s.entries(ref, fromNanos, toNanos,
                            direction == Direction.FORWARD ? dev.vigil.logstore.Direction.FORWARD : dev.vigil.logstore.Direction.BACKWARD), filter);
                }
            }
        }
        return Collections.emptyIterator();
    }

    private static Iterator<LogEntry> iterate(EntryCursor c, LinePredicate filter) {
        return new Iterator<>() {
            LogEntry next = advance();

            private LogEntry advance() {
                while (c.next()) {
                    String line = c.line();
                    if (filter.test(line)) {
                        return new LogEntry(c.timestampNanos(), line, c.metadata());
                    }
                }
                c.close();
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public LogEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                LogEntry e = next;
                next = advance();
                return e;
            }
        };
    }
}
