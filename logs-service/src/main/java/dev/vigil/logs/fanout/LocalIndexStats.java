package dev.vigil.logs.fanout;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.IndexStats;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.LabelMatcher;

import java.util.List;

/** Index statistics summed over stores: the partitions of this instance, or the answers of all instances. */
public final class LocalIndexStats {
    private LocalIndexStats() {
    }

    /** The statistics of every partition this instance owns. */
    public static IndexStats sum(LocalLogStores stores, List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return total(stores.stores().stream().map(s -> s.indexStats(matchers, fromNanos, toNanos)).toList());
    }

    /** Field-wise sum; a stream lives in one partition only, so streams add up too. */
    public static IndexStats total(List<IndexStats> parts) {
        long streams = 0;
        long chunks = 0;
        long entries = 0;
        long bytes = 0;
        for (IndexStats st : parts) {
            streams += st.streams();
            chunks += st.chunks();
            entries += st.entries();
            bytes += st.bytes();
        }
        return new IndexStats(streams, chunks, entries, bytes);
    }
}
