package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.Topics;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

import java.time.Duration;

/**
 * Reads {@code vigil.metrics} (MetricBatch protobuf) into one TSDB store per partition; writes
 * undecodable records to {@code vigil.deadletter}. Nothing else: queries read the stores directly.
 *
 * <p>The store is a read-only store whose changelog is {@code vigil.metrics} itself: when a
 * partition's task starts, Streams first replays the partition into the store from the offset
 * the store last checkpointed (its beginning when this instance never held it) up to the group's
 * committed offset, and only then processing resumes. A partition that moves to another instance,
 * or comes back after another instance held it for a while, is thereby complete there, without a
 * second copy of every sample in a changelog topic.
 */
public final class MetricsTopology {
    public static final String STORE = "tsdb";
    static final String SOURCE = "metrics-source";
    static final String INGEST = "ingest";
    static final String DEADLETTER_SINK = "deadletter-sink";

    private MetricsTopology() {
    }

    /** With the TSDB made durable (and offsets committed) every 5 s. */
    public static Topology build(TsdbOptions options, LocalTsdbs registry, IngestCounters counters) {
        return build(options, registry, counters, Duration.ofSeconds(5));
    }

    public static Topology build(TsdbOptions options, LocalTsdbs registry, IngestCounters counters, Duration commitInterval) {
        Topology t = new Topology();
        t.addReadOnlyStateStore(new TsdbStoreBuilder(STORE, options, registry, counters), SOURCE,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.METRICS, INGEST,
                IngestProcessor.supplier(STORE, counters, registry, commitInterval));
        t.addSink(DEADLETTER_SINK, Topics.DEADLETTER, new ByteArraySerializer(), new ByteArraySerializer(), INGEST);
        return t;
    }
}
