package dev.vigil.kafka.streams;

import dev.vigil.model.DecodeException;

import java.io.Closeable;
import java.io.IOException;

/**
 * The store of one input partition, as {@link ReplayedStore} drives it: records of the input topic
 * are written to it as they are processed and again when Streams replays the topic into it, it is
 * made durable before offsets are committed, and closed when the partition leaves this instance.
 *
 * <p>Decoding happens here, in one place for processing and replay alike.
 *
 * @param <E> the storage engine inside, which queries read
 */
public interface PartitionStore<E> extends Closeable {
    /**
     * Decodes one input record and appends what it holds.
     *
     * @throws DecodeException when the record does not decode; nothing of it is appended
     */
    void write(byte[] record);

    /** Makes everything written so far durable. */
    void commit() throws IOException;

    /**
     * Upkeep that runs every maintenance interval on the partition's stream thread, between
     * records: retention, downsampling. Nothing by default.
     *
     * @param nowMillis wall-clock time, Unix milliseconds
     */
    default void maintain(long nowMillis) {
    }

    /** The storage engine, for the service's {@link PartitionRegistry}. */
    E engine();
}
