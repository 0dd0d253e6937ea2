package dev.vigil.kafka.streams;

import dev.vigil.model.DecodeException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * A {@link PartitionStore} as a Kafka Streams state store whose changelog is the input topic
 * itself: when a partition's task starts, Streams replays the topic into it from the store's last
 * checkpoint (its beginning when this instance never held the partition) up to the committed
 * offset, through the same {@link PartitionStore#write} that processing uses. {@link #flush()}
 * makes the store durable; Streams calls it before it writes a checkpoint, and
 * {@link ReplayedIngestProcessor} before it asks for an offset commit, so after a crash only what
 * came after the last checkpoint is replayed, and the store's duplicate check absorbs the overlap.
 *
 * <p>A record the store cannot write for an I/O failure (a full disk) is kept here, with every
 * record after it, and written first by the next {@link #makeDurable}; until then the store is not
 * durable, so neither offsets nor a checkpoint move past them ({@link StoreDurability}). Writing a
 * record again is harmless: the stores drop what they already hold.
 *
 * @param <E> the storage engine inside the partition store
 */
public final class ReplayedStore<E> implements StateStore {
    /** Opens a partition's store in its folder. */
    @FunctionalInterface
    public interface Opener<E> {
        PartitionStore<E> open(Path dir, int partition) throws IOException;
    }

    private final String name;
    private final Opener<E> opener;
    private final PartitionRegistry<E> registry;
    private final StoreDurability durability;
    /** Records not written for an I/O failure, oldest first. */
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private PartitionStore<E> store;
    private int partition;
    private Path dir;
    private volatile boolean open;

    ReplayedStore(String name, Opener<E> opener, PartitionRegistry<E> registry) {
        this.name = name;
        this.opener = opener;
        this.registry = registry;
        this.durability = registry.durability();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dir = context.stateDir().toPath().resolve(name);
        partition = context.taskId().partition();
        try {
            store = opener.open(dir, partition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + name + " store in " + dir, e);
        }
        context.register(root, (BatchingStateRestoreCallback) this::restore);
        registry.register(partition, store.engine());
        open = true;
        durability.opened(this);
    }

    /**
     * Writes replayed records. Restoring (on Streams' state updater thread) and processing (on the
     * stream thread) never overlap for one task. A record that does not decode was dead-lettered
     * when it was first processed, so it is skipped here.
     */
    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> r : records) {
            try {
                write(r.value);
            } catch (DecodeException e) {
                // skipped, as the processor skipped it
            }
        }
    }

    /**
     * Writes one input record to the partition's store, or keeps it when the store cannot write
     * (or records already wait, so the order holds).
     *
     * @throws DecodeException when the record does not decode; nothing of it is written
     */
    synchronized void write(byte[] record) {
        if (!waiting.isEmpty()) {
            waiting.add(record);
            return;
        }
        try {
            store.write(record);
        } catch (UncheckedIOException e) {
            waiting.add(record);
            durability.failed(where(), e.getCause());
        }
    }

    /**
     * Writes the records that wait, then makes the store durable.
     *
     * @throws IOException when the store still cannot write; the failure is recorded
     */
    synchronized void makeDurable() throws IOException {
        if (!open) {
            return;
        }
        try {
            while (!waiting.isEmpty()) {
                try {
                    store.write(waiting.peek());
                } catch (DecodeException e) {
                    // skipped: it cannot be written however often it is tried
                }
                waiting.poll();
            }
            store.commit();
        } catch (UncheckedIOException e) {
            durability.failed(where(), e.getCause());
            throw e.getCause();
        } catch (IOException e) {
            durability.failed(where(), e);
            throw e;
        }
    }

    /** The store's upkeep; an I/O failure in it (a store may write there) is recorded like any other. */
    synchronized void maintain(long nowMillis) {
        if (!open) {
            return;
        }
        try {
            store.maintain(nowMillis);
        } catch (UncheckedIOException e) {
            durability.failed(where(), e.getCause());
        }
    }

    private String where() {
        return "the " + name + " store of partition " + partition + " in " + dir;
    }

    /** The partition's store, open between {@link #init} and {@link #close}. */
    public PartitionStore<E> store() {
        return store;
    }

    /**
     * Streams calls this before it writes its checkpoint of the store's offset: it must throw
     * when the store is not durable, or a crash would skip what the store never wrote.
     */
    @Override
    public void flush() {
        try {
            makeDurable();
        } catch (IOException e) {
            throw new UncheckedIOException("commit of the " + name + " store failed for partition " + partition, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        durability.closed(this);
        registry.unregister(partition, store.engine());
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
