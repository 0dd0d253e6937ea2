package dev.vigil.kafka.streams;

/**
 * Where a service keeps the storage engines of the partitions this instance holds: queries read
 * them from here; its {@link StoreDurability} makes them all durable before offsets are committed
 * and says whether they can be written.
 *
 * @param <E> the storage engine
 */
public interface PartitionRegistry<E> {
    void register(int partition, E engine);

    void unregister(int partition, E engine);

    /** The durability of the stores this instance holds, one per service instance. */
    StoreDurability durability();
}
