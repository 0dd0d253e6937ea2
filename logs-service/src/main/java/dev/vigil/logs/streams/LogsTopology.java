package dev.vigil.logs.streams;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

import java.time.Duration;

/**
 * Reads {@code vigil.logs} (LogBatch protobuf) into one log store per partition; writes
 * undecodable records to {@code vigil.deadletter}. Queries read the stores directly.
 *
 * <p>The store is a read-only store whose changelog is {@code vigil.logs} itself: when a
 * partition's task starts, Streams first replays the partition into the store from the offset the
 * store last checkpointed (its beginning when this instance never held it) up to the group's
 * committed offset. A partition that moves to another instance, or comes back after another
 * instance held it, is thereby complete there, without a second copy of every line in a changelog.
 */
public final class LogsTopology {
    public static final String STORE = "logstore";
    static final String SOURCE = "logs-source";
    static final String INGEST = "ingest";
    static final String DEADLETTER_SINK = "deadletter-sink";

    private LogsTopology() {
    }

    /** With the store made durable (and offsets committed) every 5 s. */
    public static Topology build(LogStoreOptions options, LocalLogStores registry, LogIngestCounters counters) {
        return build(options, registry, counters, Duration.ofSeconds(5));
    }

    public static Topology build(LogStoreOptions options, LocalLogStores registry, LogIngestCounters counters,
                                 Duration commitInterval) {
        Topology t = new Topology();
        t.addReadOnlyStateStore(new LogStoreBuilder(STORE, options, registry, counters), SOURCE,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.LOGS, INGEST,
                LogIngestProcessor.supplier(STORE, counters, registry, commitInterval));
        t.addSink(DEADLETTER_SINK, Topics.DEADLETTER, new ByteArraySerializer(), new ByteArraySerializer(), INGEST);
        return t;
    }
}
