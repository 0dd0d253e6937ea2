package dev.vigil.metrics.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedStore;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.Topics;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.streams.Topology;

import java.time.Duration;

/**
 * Reads {@code vigil.metrics} (MetricBatch protobuf) into one TSDB per partition
 * ({@link TsdbPartition}); writes undecodable records to {@code vigil.deadletter}. Nothing else:
 * queries read the TSDBs directly. The TSDB is rebuilt from {@code vigil.metrics} itself when a
 * partition moves to this instance ({@link ReplayedTopology}).
 */
public final class MetricsTopology {
    public static final String STORE = "tsdb";
    static final String SOURCE = "metrics-source";

    private MetricsTopology() {
    }

    /** Stores are made durable, and offsets committed, every {@code commitInterval}. */
    public static Topology build(TsdbOptions options, LocalTsdbs registry, IngestCounters<AppendResult> counters, Duration commitInterval) {
        return ReplayedTopology.build(new ReplayedTopology.Spec<>(STORE, SOURCE, Topics.METRICS,
                (dir, partition) -> TsdbPartition.open(dir, options, counters),
                ReplayedStore.Registry.of(TsdbPartition::tsdb, registry::register, registry::unregister),
                registry::commitAll, counters::deadLetter, commitInterval));
    }
}
