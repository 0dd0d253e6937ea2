package dev.vigil.logs.streams;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.DecodeException;
import dev.vigil.model.LogCodec;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The log store of one {@code vigil.logs} partition as a Kafka Streams state store. Its changelog
 * is the input topic: Streams restores it by replaying {@code vigil.logs} records from the store's
 * checkpoint to the committed offset, which this store decodes and appends like the processor does.
 * {@link #flush()} makes every appended line durable; Streams calls it before it writes a
 * checkpoint, and the ingest processor before it asks for an offset commit, so after a crash only
 * the records after the last checkpoint are replayed, and the store drops the lines it already had.
 */
public final class LogStoreStateStore implements StateStore {
    private final String name;
    private final LogStoreOptions options;
    private final LocalLogStores registry;
    private final LogIngestCounters counters;
    private LogStore store;
    private int partition;
    private volatile boolean open;

    LogStoreStateStore(String name, LogStoreOptions options, LocalLogStores registry, LogIngestCounters counters) {
        this.name = name;
        this.options = options;
        this.registry = registry;
        this.counters = counters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        Path dir = context.stateDir().toPath().resolve(name);
        try {
            store = LogStore.open(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log store in " + dir, e);
        }
        partition = context.taskId().partition();
        context.register(root, (BatchingStateRestoreCallback) this::restore);
        registry.register(partition, store);
        open = true;
    }

    /** Appends replayed {@code vigil.logs} records; one that does not decode was dead-lettered when first read. */
    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> r : records) {
            try {
                LogIngestProcessor.append(store, LogCodec.decode(r.value), counters);
            } catch (DecodeException e) {
                // skipped, as the processor skipped it
            }
        }
    }

    public LogStore store() {
        return store;
    }

    @Override
    public void flush() {
        store.commit();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        registry.unregister(partition, store);
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
