package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.DeadLetter;
import dev.vigil.model.DecodeException;
import dev.vigil.model.MetricRecordReader;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.head.SeriesRef;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Decodes each {@code vigil.metrics} record and appends its samples to the partition's TSDB; a
 * record that does not decode goes to the dead-letter sink with the reason, and the stream goes on.
 *
 * <p>Durability is driven from here: Kafka Streams flushes a store without a changelog only when it
 * closes it, not before committing offsets. So every {@code commitInterval} a wall-clock punctuator
 * makes every local TSDB durable and only then asks Streams to commit the offsets of what it holds (Streams'
 * own timed commits are configured far apart). A crash therefore replays exactly what the TSDB
 * had not made durable, and its duplicate check absorbs any overlap.
 */
final class IngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    static final int MAX_CACHED_SERIES = 1 << 21;
    private final String storeName;
    private final IngestCounters counters;
    private ProcessorContext<byte[], byte[]> context;
    private Tsdb tsdb;
    private MetricRecordReader<SeriesRef> reader;
    private final MetricRecordReader.SampleSink<SeriesRef> sink = this::append;
    /** Append results of the record being read, by ordinal: one counter update per record, not per sample. */
    private final long[] results = new long[AppendResult.values().length];

    private final Duration commitInterval;
    private final LocalTsdbs registry;

    IngestProcessor(String storeName, IngestCounters counters, LocalTsdbs registry, Duration commitInterval) {
        this.registry = registry;
        this.storeName = storeName;
        this.counters = counters;
        this.commitInterval = commitInterval;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        TsdbStateStore store = context.getStateStore(storeName);
        this.tsdb = store.tsdb();
        // a handle per series, found by its label bytes: well above a partition's series count in
        // practice, and a cache that fills up only starts over
        this.reader = new MetricRecordReader<>(SeriesRef::new, MAX_CACHED_SERIES);
        context.schedule(commitInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            try {
                registry.commitAll(); // the commit below covers every task of this thread
            } catch (IOException e) {
                throw new UncheckedIOException("TSDB commit failed", e);
            }
            context.commit();
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            reader.read(record.value(), sink);
            counters.addAndClear(results);
        } catch (DecodeException e) {
            RecordMetadata md = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetter.headers(md.topic(), md.partition(), md.offset(), e.getMessage())),
                    MetricsTopology.DEADLETTER_SINK);
            counters.deadLetter();
        }
    }

    private void append(SeriesRef series, long timestampMs, double value) {
        results[tsdb.append(series, timestampMs, value).ordinal()]++;
    }
}
