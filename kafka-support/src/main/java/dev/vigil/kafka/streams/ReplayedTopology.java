package dev.vigil.kafka.streams;

import dev.vigil.model.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

import java.time.Duration;

/**
 * The topology both store services run: one input topic into one {@link PartitionStore} per
 * partition, undecodable records to {@code vigil.deadletter}, nothing else (queries read the stores
 * directly).
 *
 * <p>The store is a read-only store whose changelog is the input topic itself: when a partition's
 * task starts, Streams first replays the partition into the store from the offset the store last
 * checkpointed (its beginning when this instance never held it) up to the group's committed
 * offset, and only then processing resumes. A partition that moves to another instance, or comes
 * back after another instance held it for a while, is thereby complete there, without a second
 * copy of the input in a changelog topic.
 */
public final class ReplayedTopology {
    static final String DEADLETTER_SINK = "deadletter-sink";
    static final String INGEST = "ingest";

    /**
     * What a service's topology is made of.
     *
     * @param store name of the state store (also its folder in the state directory)
     * @param topic the input topic, which is also the store's changelog
     * @param opener opens a partition's store
     * @param registry is told of each partition store opened and closed on this instance, and makes them all durable
     * @param counters counts records sent to {@code vigil.deadletter}
     * @param commitInterval how often stores are made durable and offsets committed
     * @param maintenanceInterval how often each partition's store runs {@link PartitionStore#maintain}
     */
    record Spec<E>(String store, String topic, ReplayedStore.Opener<E> opener, PartitionRegistry<E> registry,
                   IngestCounters<?> counters, Duration commitInterval, Duration maintenanceInterval) {
    }

    private ReplayedTopology() {
    }

    /** The topology of {@code topic} into one store per partition; see {@link Spec} for the arguments. */
    public static <E> Topology build(String store, String topic, ReplayedStore.Opener<E> opener, PartitionRegistry<E> registry,
                                     IngestCounters<?> counters, Duration commitInterval, Duration maintenanceInterval) {
        Spec<E> spec = new Spec<>(store, topic, opener, registry, counters, commitInterval, maintenanceInterval);
        String source = store + "-source";
        Topology t = new Topology();
        t.addReadOnlyStateStore(new ReplayedStoreBuilder<>(store, topic, opener, registry),
                source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic, INGEST,
                ReplayedIngestProcessor.supplier(spec));
        t.addSink(DEADLETTER_SINK, Topics.DEADLETTER, new ByteArraySerializer(), new ByteArraySerializer(), INGEST);
        return t;
    }
}
