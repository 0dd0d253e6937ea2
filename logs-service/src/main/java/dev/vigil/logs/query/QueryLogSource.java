package dev.vigil.logs.query;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logql.storage.LogStoreSource;
import dev.vigil.logs.fanout.PeerInstances;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What LogQL queries read: the streams of every {@code vigil.logs} partition, those this instance
 * owns read directly and the others through the instances that own them ({@link PeerInstances}).
 * A stream lives in exactly one partition, so a select is the union, and an entry read is answered
 * by the one place that holds the stream (the others have nothing for it).
 */
@ApplicationScoped
public class QueryLogSource implements LogSource {
    private final LocalLogStores stores;
    private final PeerInstances peers;

    public QueryLogSource(LocalLogStores stores, PeerInstances peers) {
        this.stores = stores;
        this.peers = peers;
    }

    /** Every place to read from: each local partition, then each other instance. */
    private List<LogSource> sources() {
        List<LogSource> out = new ArrayList<>();
        for (LogStore s : stores.stores()) {
            out.add(new LogStoreSource(s));
        }
        out.addAll(peers.sources());
        return out;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        TreeSet<Labels> out = new TreeSet<>();
        for (LogSource s : sources()) {
            out.addAll(s.streams(matchers, fromNanos, toNanos));
        }
        return List.copyOf(out);
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        for (LogSource s : sources()) {
            EntryIterator it = s.entries(stream, fromNanos, toNanos, direction, filter);
            if (it.hasNext()) {
                return it;
            }
            it.close();
        }
        return EntryIterator.of(Collections.emptyIterator());
    }
}
