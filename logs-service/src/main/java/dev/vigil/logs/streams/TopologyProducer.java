package dev.vigil.logs.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.LogStoreOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

import java.util.List;
import java.util.Locale;

/** Hands the logs topology to the Quarkus Kafka Streams extension. */
@ApplicationScoped
public class TopologyProducer {
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
        return LogsTopology.build(options, registry, counters, config.commitInterval());
    }
}
