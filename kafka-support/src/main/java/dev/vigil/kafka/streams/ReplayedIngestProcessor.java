package dev.vigil.kafka.streams;

import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.model.DecodeException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.IOException;

/**
 * Writes each input record to the partition's {@link ReplayedStore}; a record that does not decode
 * goes to the dead-letter sink with the reason, and the stream goes on.
 *
 * <p>Durability is driven from here: Kafka Streams flushes a store only when it writes a
 * checkpoint (every 10,000 records or so) or closes it, not before each offset commit. So every
 * {@code commitInterval} a wall-clock punctuator makes every local store durable and only then
 * asks Streams to commit the offsets of what they hold (Streams' own timed commits are configured
 * far apart). A crash therefore replays what was not yet durable, and the store's duplicate check
 * absorbs any overlap. When a store cannot write, the offsets stay put and
 * {@link WriteFailureGuard} pauses consumption ({@link StoreDurability}). Every
 * {@code maintenanceInterval} a second punctuator runs the store's upkeep
 * ({@link PartitionStore#maintain}).
 */
final class ReplayedIngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final ReplayedTopology.Spec<?> spec;
    private ProcessorContext<byte[], byte[]> context;
    private ReplayedStore<?> store;

    private ReplayedIngestProcessor(ReplayedTopology.Spec<?> spec) {
        this.spec = spec;
    }

    /**
     * A supplier in the shape {@code Topology.addReadOnlyStateStore} takes. That method types the
     * store's processor as forwarding nothing, but the topology gives it the dead-letter sink as a
     * child, and forwarding to it works at run time: the cast only widens the declared output types.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ProcessorSupplier<byte[], byte[], Void, Void> supplier(ReplayedTopology.Spec<?> spec) {
        ProcessorSupplier<byte[], byte[], byte[], byte[]> s = () -> new ReplayedIngestProcessor(spec);
        return (ProcessorSupplier) s;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(spec.store());
        context.schedule(spec.commitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            try {
                spec.registry().durability().flushAll(); // the commit below covers every task of this thread
            } catch (IOException e) {
                // Recorded, and WriteFailureGuard pauses consumption; the offsets stay where they were.
                return;
            }
            context.commit();
        });
        // Retention and downsampling run here, on the stream thread between records, so they never
        // race the partition's appends; every instance maintains the partitions it holds.
        context.schedule(spec.maintenanceInterval(), PunctuationType.WALL_CLOCK_TIME, store::maintain);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            store.write(record.value());
        } catch (DecodeException e) {
            // A restore skips such a record: it goes to the dead-letter topic now.
            RecordMetadata md = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetter.headers(md.topic(), md.partition(), md.offset(), e.getMessage())),
                    ReplayedTopology.DEADLETTER_SINK);
            spec.counters().deadLetter();
        }
    }
}
