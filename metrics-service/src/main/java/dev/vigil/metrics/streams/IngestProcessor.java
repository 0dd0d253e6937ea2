package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.model.DecodeException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Decodes each {@code vigil.metrics} record and appends its samples to the partition's TSDB; a
 * record that does not decode goes to the dead-letter sink with the reason, and the stream goes on.
 *
 * <p>Durability is driven from here: Kafka Streams flushes the store only when it writes a
 * checkpoint (every 10,000 records or so) or closes it, not before each offset commit. So every
 * {@code commitInterval} a wall-clock punctuator makes every local TSDB durable and only then asks
 * Streams to commit the offsets of what it holds (Streams' own timed commits are configured far
 * apart). A crash therefore replays what the TSDB had not made durable, and its duplicate check
 * absorbs any overlap.
 */
final class IngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final String storeName;
    private final IngestCounters counters;
    private ProcessorContext<byte[], byte[]> context;
    private TsdbStateStore store;

    private final Duration commitInterval;
    private final LocalTsdbs registry;

    IngestProcessor(String storeName, IngestCounters counters, LocalTsdbs registry, Duration commitInterval) {
        this.registry = registry;
        this.storeName = storeName;
        this.counters = counters;
        this.commitInterval = commitInterval;
    }

    /**
     * A supplier in the shape {@code Topology.addReadOnlyStateStore} takes. That method types the
     * store's processor as forwarding nothing, but the topology gives it the dead-letter sink as a
     * child, and forwarding to it works at run time: the cast only widens the declared output types.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ProcessorSupplier<byte[], byte[], Void, Void> supplier(String storeName, IngestCounters counters, LocalTsdbs registry,
                                                                  Duration commitInterval) {
        ProcessorSupplier<byte[], byte[], byte[], byte[]> s = () -> new IngestProcessor(storeName, counters, registry, commitInterval);
        return (ProcessorSupplier) s;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
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
            store.write(record.value());
        } catch (DecodeException e) {
            // A restore skips such a record: it went to the dead-letter topic when first read.
            RecordMetadata md = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetter.headers(md.topic(), md.partition(), md.offset(), e.getMessage())),
                    MetricsTopology.DEADLETTER_SINK);
            counters.deadLetter();
        }
    }

}
