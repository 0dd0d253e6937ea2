package dev.vigil.metrics.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.PartitionStore;
import dev.vigil.model.MetricRecordReader;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.head.SeriesRef;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The TSDB of one {@code vigil.metrics} partition: decodes each record (MetricBatch protobuf,
 * read in place by {@link MetricRecordReader}) and appends its samples; the TSDB's duplicate
 * check absorbs what a replay after a crash writes twice.
 */
final class TsdbPartition implements PartitionStore<Tsdb> {
    private final Tsdb tsdb;
    private final IngestCounters<AppendResult> counters;
    // a handle per series, found by its label bytes: far above a partition's series count in
    // practice, and a cache that fills up only starts over
    private final MetricRecordReader<SeriesRef> reader = new MetricRecordReader<>(SeriesRef::new, 1 << 21);
    private final MetricRecordReader.SampleSink<SeriesRef> sink = this::append;
    /** Append results of the record being written, by ordinal: one counter update per record, not per sample. */
    private final long[] results = new long[AppendResult.values().length];

    private final long maxBytes;

    private TsdbPartition(Tsdb tsdb, IngestCounters<AppendResult> counters, long maxBytes) {
        this.tsdb = tsdb;
        this.counters = counters;
        this.maxBytes = maxBytes;
    }

    /** {@code maxBytes}: the closed chunks the partition keeps, 0 for no size limit. */
    static TsdbPartition open(Path dir, TsdbOptions options, IngestCounters<AppendResult> counters, long maxBytes)
            throws IOException {
        return new TsdbPartition(Tsdb.open(dir, options), counters, maxBytes);
    }

    /**
     * Restoring (on Streams' state updater thread) and processing (on the stream thread) never
     * overlap for one task, so they share the reader and its series handles.
     */
    @Override
    public void write(byte[] record) {
        reader.read(record, sink);
        counters.addAndClear(results);
    }

    private void append(SeriesRef series, long timestampMs, double value) {
        results[tsdb.append(series, timestampMs, value).ordinal()]++;
    }

    /** Retention by time and size, then rollups of what passed the downsample age; the files go at the next commit. */
    @Override
    public void maintain(long nowMillis) {
        tsdb.enforceRetention(nowMillis, maxBytes);
        tsdb.downsample(nowMillis);
    }

    @Override
    public Tsdb engine() {
        return tsdb;
    }

    @Override
    public void commit() throws IOException {
        tsdb.commit();
    }

    @Override
    public void close() throws IOException {
        tsdb.close();
    }
}
