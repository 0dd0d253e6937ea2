package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The TSDB of one {@code vigil.metrics} partition as a Kafka Streams state store. It has no
 * changelog: the input topic is the log. {@link #flush()} makes every appended sample durable; the
 * ingest processor calls it before it asks for an offset commit (Streams itself flushes such a
 * store only on close), so a crash replays only what came after the last commit, and the TSDB's
 * duplicate check absorbs what it had already kept.
 */
public final class TsdbStateStore implements StateStore {
    private final String name;
    private final TsdbOptions options;
    private final LocalTsdbs registry;
    private Tsdb tsdb;
    private int partition;
    private volatile boolean open;

    TsdbStateStore(String name, TsdbOptions options, LocalTsdbs registry) {
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
            tsdb = Tsdb.open(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open TSDB in " + dir, e);
        }
        partition = context.taskId().partition();
        // Nothing to restore from a changelog; registering is still required by Streams.
        context.register(root, (key, value) -> { });
        registry.register(partition, tsdb);
        open = true;
    }

    public Tsdb tsdb() {
        return tsdb;
    }

    @Override
    public void flush() {
        try {
            tsdb.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("TSDB commit failed for partition " + partition, e);
        }
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        registry.unregister(partition, tsdb);
        try {
            tsdb.close();
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
