package dev.vigil.logs.streams;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The log store of one {@code vigil.logs} partition as a Kafka Streams state store, without a
 * changelog: the input topic is the log. {@link #flush()} makes every appended line durable; the
 * ingest processor calls it before it asks for an offset commit (Streams itself flushes such a
 * store only on close), so after a crash only the records after the last offset commit are
 * replayed, and the store drops the lines it already had.
 */
public final class LogStoreStateStore implements StateStore {
    private final String name;
    private final LogStoreOptions options;
    private final LocalLogStores registry;
    private LogStore store;
    private int partition;
    private volatile boolean open;

    LogStoreStateStore(String name, LogStoreOptions options, LocalLogStores registry) {
        this.name = name;
        this.options = options;
        this.registry = registry;
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
        context.register(root, (key, value) -> { });
        registry.register(partition, store);
        open = true;
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
