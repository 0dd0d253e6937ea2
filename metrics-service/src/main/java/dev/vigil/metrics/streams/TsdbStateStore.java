package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.DecodeException;
import dev.vigil.model.MetricRecordReader;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.head.SeriesRef;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The TSDB of one {@code vigil.metrics} partition as a Kafka Streams state store. Its changelog is
 * the input topic: Streams restores it by replaying {@code vigil.metrics} records from the store's
 * checkpoint to the committed offset, which this store decodes and appends like the processor does.
 * {@link #flush()} makes every appended sample durable; Streams calls it before it writes a
 * checkpoint, and the ingest processor before it asks for an offset commit, so a crash replays only
 * what came after the last checkpoint, and the TSDB's duplicate check absorbs what it had already kept.
 */
public final class TsdbStateStore implements StateStore {
    private final String name;
    private final TsdbOptions options;
    private final LocalTsdbs registry;
    private final IngestCounters counters;
    private Tsdb tsdb;
    // a handle per series, found by its label bytes: far above a partition's series count in
    // practice, and a cache that fills up only starts over
    private final MetricRecordReader<SeriesRef> reader = new MetricRecordReader<>(SeriesRef::new, 1 << 21);
    private final MetricRecordReader.SampleSink<SeriesRef> sink = this::append;
    /** Append results of the record being written, by ordinal: one counter update per record, not per sample. */
    private final long[] results = new long[AppendResult.values().length];
    private int partition;
    private volatile boolean open;

    TsdbStateStore(String name, TsdbOptions options, LocalTsdbs registry, IngestCounters counters) {
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
            tsdb = Tsdb.open(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open TSDB in " + dir, e);
        }
        partition = context.taskId().partition();
        context.register(root, (BatchingStateRestoreCallback) this::restore);
        registry.register(partition, tsdb);
        open = true;
    }

    /** Appends replayed {@code vigil.metrics} records; one that does not decode was dead-lettered when first read. */
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
     * Appends the samples of one {@code vigil.metrics} record. Restoring (on Streams' state
     * updater thread) and processing (on the stream thread) never overlap for one task, so they
     * share the reader and its series handles.
     *
     * @throws DecodeException when the record does not decode; nothing of it is appended
     */
    void write(byte[] record) {
        reader.read(record, sink);
        counters.addAndClear(results);
    }

    private void append(SeriesRef series, long timestampMs, double value) {
        results[tsdb.append(series, timestampMs, value).ordinal()]++;
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
