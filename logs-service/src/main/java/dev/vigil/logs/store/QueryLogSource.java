package dev.vigil.logs.store;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logql.storage.LogStoreSource;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What LogQL queries read: the streams of every log-store partition this instance owns. A stream
 * lives in exactly one partition, so a select is the union, and an entry read is answered by the
 * one store that holds the stream (the others have nothing for it).
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
            out.addAll(new LogStoreSource(s).streams(matchers, fromNanos, toNanos));
        }
        return List.copyOf(out);
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        for (LogStore s : stores.stores()) {
            EntryIterator it = new LogStoreSource(s).entries(stream, fromNanos, toNanos, direction, filter);
            if (it.hasNext()) {
                return it;
            }
            it.close();
        }
        return EntryIterator.of(Collections.emptyIterator());
    }
}
