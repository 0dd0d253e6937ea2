package dev.vigil.logs.streams;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStore;
import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.model.DecodeException;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Duration;
import java.util.List;

/**
 * Decodes each {@code vigil.logs} record and appends its entries to the partition's log store; a
 * record that does not decode goes to the dead-letter sink with the reason, and the stream goes on.
 *
 * <p>Durability is driven from here, as in the metrics service: Kafka Streams flushes the store
 * only when it writes a checkpoint (every 10,000 records or so) or closes it, not before each
 * offset commit. So every {@code commitInterval} a wall-clock punctuator makes every local store
 * durable and only then asks Streams to commit the offsets of what it holds (Streams' own timed
 * commits are configured far apart). A crash replays what was not yet durable, and the store drops
 * lines it already had.
 */
final class LogIngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final String storeName;
    private final LogIngestCounters counters;
    private ProcessorContext<byte[], byte[]> context;
    private LogStore store;

    private final Duration commitInterval;
    private final LocalLogStores registry;

    LogIngestProcessor(String storeName, LogIngestCounters counters, LocalLogStores registry, Duration commitInterval) {
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
    static ProcessorSupplier<byte[], byte[], Void, Void> supplier(String storeName, LogIngestCounters counters, LocalLogStores registry,
                                                                  Duration commitInterval) {
        ProcessorSupplier<byte[], byte[], byte[], byte[]> s = () -> new LogIngestProcessor(storeName, counters, registry, commitInterval);
        return (ProcessorSupplier) s;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        LogStoreStateStore s = context.getStateStore(storeName);
        this.store = s.store();
        context.schedule(commitInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            registry.commitAll(); // the commit below covers every task of this thread
            context.commit();
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        List<LogStream> batch;
        try {
            batch = LogCodec.decode(record.value());
        } catch (DecodeException e) {
            // A restore skips such a record: it went to the dead-letter topic when first read.
            RecordMetadata md = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetter.headers(md.topic(), md.partition(), md.offset(), e.getMessage())),
                    LogsTopology.DEADLETTER_SINK);
            counters.deadLetter();
            return;
        }
        append(store, batch, counters);
    }

    /** Appends a decoded batch; the processor and the store's restore share it. */
    static void append(LogStore store, List<LogStream> batch, LogIngestCounters counters) {
        for (LogStream s : batch) {
            for (LogEntry e : s.entries()) {
                counters.count(store.append(s.labels(), e.timestampNanos(), e.line(), e.metadata()));
            }
        }
    }
}
