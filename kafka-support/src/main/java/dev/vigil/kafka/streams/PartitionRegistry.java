package dev.vigil.kafka.streams;

import java.io.IOException;

/**
 * Where a service keeps the storage engines of the partitions this instance holds: queries read
 * them from here, and the ingest processor makes them all durable before offsets are committed.
 *
 * @param <E> the storage engine
 */
public interface PartitionRegistry<E> {
    void register(int partition, E engine);

    void unregister(int partition, E engine);

    /** Makes every registered engine durable. */
    void commitAll() throws IOException;
}
