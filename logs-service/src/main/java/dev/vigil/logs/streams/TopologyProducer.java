package dev.vigil.logs.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

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

    @Produces
    public Topology topology(LogsConfig config, LocalLogStores registry, MeterRegistry meters) {
        LogStoreOptions options = LogStoreOptions.defaults()
                .withRetention(config.retention())
                .withOutOfOrderWindow(config.outOfOrderWindow());
        meters.gauge("vigil_logs_deadletters_total", counters, IngestCounters::deadLetters);
        for (AppendResult r : AppendResult.values()) {
            meters.gauge("vigil_logs_entries_ingested_total", List.of(Tag.of("result", r.name().toLowerCase(Locale.ROOT))),
                    counters, c -> c.total(r));
        }
        return topology(options, registry, counters, config.commitInterval());
    }

    /** Stores are made durable, and offsets committed, every {@code commitInterval}. */
    public static Topology topology(LogStoreOptions options, LocalLogStores registry, IngestCounters<AppendResult> counters,
                                    Duration commitInterval) {
        return ReplayedTopology.build(STORE, Topics.LOGS, (dir, partition) -> LogPartition.open(dir, options, counters),
                registry, counters, commitInterval);
    }
}
