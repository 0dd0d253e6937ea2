package dev.vigil.logs.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedStore;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.Topics;
import org.apache.kafka.streams.Topology;

import java.time.Duration;

/**
 * Reads {@code vigil.logs} (LogBatch protobuf) into one log store per partition
 * ({@link LogPartition}); writes undecodable records to {@code vigil.deadletter}. Queries read the
 * stores directly. A store is rebuilt from {@code vigil.logs} itself when a partition moves to this
 * instance ({@link ReplayedTopology}).
 */
public final class LogsTopology {
    public static final String STORE = "logstore";
    static final String SOURCE = "logs-source";

    private LogsTopology() {
    }

    /** Stores are made durable, and offsets committed, every {@code commitInterval}. */
    public static Topology build(LogStoreOptions options, LocalLogStores registry, IngestCounters<AppendResult> counters, Duration commitInterval) {
        return ReplayedTopology.build(new ReplayedTopology.Spec<>(STORE, SOURCE, Topics.LOGS,
                (dir, partition) -> LogPartition.open(dir, options, counters),
                ReplayedStore.Registry.of(LogPartition::store, registry::register, registry::unregister),
                registry::commitAll, counters::deadLetter, commitInterval));
    }
}
