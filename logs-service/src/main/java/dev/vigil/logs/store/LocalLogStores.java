package dev.vigil.logs.store;

import dev.vigil.kafka.streams.PartitionRegistry;
import dev.vigil.kafka.streams.StoreDurability;
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
    private final StoreDurability durability = new StoreDurability();

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

    @Override
    public StoreDurability durability() {
        return durability;
    }

    public List<Integer> partitions() {
        return List.copyOf(byPartition.keySet());
    }

    public List<StoreStats> stats() {
        return byPartition.values().stream().map(LogStore::stats).toList();
    }
}
