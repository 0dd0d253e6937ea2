package dev.vigil.kafka.streams;

import dev.vigil.model.DecodeException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    private PartitionStore<E> store;
    private int partition;
    private volatile boolean open;

    ReplayedStore(String name, Opener<E> opener, PartitionRegistry<E> registry) {
        this.name = name;
        this.opener = opener;
        this.registry = registry;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        Path dir = context.stateDir().toPath().resolve(name);
        partition = context.taskId().partition();
        try {
            store = opener.open(dir, partition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + name + " store in " + dir, e);
        }
        context.register(root, (BatchingStateRestoreCallback) this::restore);
        registry.register(partition, store.engine());
        open = true;
    }

    /**
     * Writes replayed records. Restoring (on Streams' state updater thread) and processing (on the
     * stream thread) never overlap for one task. A record that does not decode was dead-lettered
     * when it was first processed, so it is skipped here.
     */
    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> r : records) {
            try {
                store.write(r.value);
            } catch (DecodeException e) {
                // skipped, as the processor skipped it
            }
        }
    }

    /** The partition's store, open between {@link #init} and {@link #close}. */
    public PartitionStore<E> store() {
        return store;
    }

    @Override
    public void flush() {
        try {
            store.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("commit of the " + name + " store failed for partition " + partition, e);
        }
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
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
