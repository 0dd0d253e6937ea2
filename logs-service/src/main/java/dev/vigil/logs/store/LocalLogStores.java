package dev.vigil.logs.store;

import dev.vigil.kafka.streams.PartitionRegistry;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.StoreStats;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The log-store partitions this instance owns right now, as Kafka Streams assigned them. */
@ApplicationScoped
public class LocalLogStores implements PartitionRegistry<LogStore> {
    private final Map<Integer, LogStore> byPartition = new ConcurrentSkipListMap<>();

    @Override
    public void register(int partition, LogStore store) {
        byPartition.put(partition, store);
    }

    @Override
    public void unregister(int partition, LogStore store) {
        byPartition.remove(partition, store);
    }

    /** The stores in partition order; their streams are disjoint. */
    public List<LogStore> stores() {
        return List.copyOf(byPartition.values());
    }

    /**
     * Makes every local store durable. Called before an offset commit: Streams commits the offsets
     * of all of a thread's tasks at once, so flushing only the requesting task's store is not enough.
     */
    @Override
    public void commitAll() {
        for (LogStore s : byPartition.values()) {
            s.commit();
        }
    }

    public List<Integer> partitions() {
        return List.copyOf(byPartition.keySet());
    }

    public List<StoreStats> stats() {
        return byPartition.values().stream().map(LogStore::stats).toList();
    }
}
