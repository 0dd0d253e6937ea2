package dev.vigil.logs.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.Topics;
import dev.vigil.logstore.StoreStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The logs topology: {@code vigil.logs} into one log store per partition ({@link LogPartition}),
 * rebuilt from the topic when a partition moves here ({@link ReplayedTopology}), undecodable
 * records to {@code vigil.deadletter}. Hands it to the Quarkus Kafka Streams extension and exports
 * its ingest counters.
 */
@ApplicationScoped
public class TopologyProducer {
    /** The state store's name: its folder in the state directory. */
    public static final String STORE = "logstore";
    private final IngestCounters<AppendResult> counters = new IngestCounters<>(AppendResult.class);
    private final LongAdder chunksDeleted = new LongAdder();

    @Produces
    public Topology topology(LogsConfig config, LocalLogStores registry, MeterRegistry meters) {
        LogStoreOptions options = LogStoreOptions.defaults()
                .withRetention(config.retention())
                .withOutOfOrderWindow(config.outOfOrderWindow())
                .withChunkMaxAge(config.chunkMaxAge());
        meters.gauge("vigil_logs_deadletters_total", counters, IngestCounters::deadLetters);
        for (AppendResult r : AppendResult.values()) {
            meters.gauge("vigil_logs_entries_ingested_total", List.of(Tag.of("result", r.name().toLowerCase(Locale.ROOT))),
                    counters, c -> c.total(r));
        }
        FunctionCounter.builder("vigil_logs_retention_chunks_deleted", chunksDeleted, LongAdder::sum)
                .description("sealed chunks deleted by retention").register(meters);
        Gauge.builder("vigil_logs_storage_stored_bytes", registry, r -> r.stats().stream().mapToLong(StoreStats::storedBytes).sum())
                .description("compressed bytes of the sealed chunks of the partitions held here").baseUnit("bytes").register(meters);
        Gauge.builder("vigil_logs_storage_streams", registry, r -> r.stats().stream().mapToLong(StoreStats::streams).sum())
                .description("streams held here").register(meters);
        Gauge.builder("vigil_logs_storage_entries", registry, r -> r.stats().stream().mapToLong(StoreStats::entries).sum())
                .description("log entries held here").register(meters);
        return topology(options, registry, counters, config.commitInterval(), config.maintenanceInterval(), chunksDeleted,
                config.maxPartitionBytes());
    }

    /**
     * Stores are made durable, and offsets committed, every {@code commitInterval}; retention runs
     * every {@code maintenanceInterval}, adding the chunks it deletes to {@code chunksDeleted} and
     * keeping each partition within {@code maxPartitionBytes} of sealed chunks (0: no limit).
     */
    public static Topology topology(LogStoreOptions options, LocalLogStores registry, IngestCounters<AppendResult> counters,
                                    Duration commitInterval, Duration maintenanceInterval, LongAdder chunksDeleted,
                                    long maxPartitionBytes) {
        return ReplayedTopology.build(STORE, Topics.LOGS,
                (dir, partition) -> LogPartition.open(dir, options, counters, chunksDeleted, maxPartitionBytes),
                registry, counters, commitInterval, maintenanceInterval);
    }
}
