package dev.vigil.metrics.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.Topics;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.Locale;

/**
 * The metrics topology: {@code vigil.metrics} into one TSDB per partition ({@link TsdbPartition}),
 * rebuilt from the topic when a partition moves here ({@link ReplayedTopology}), undecodable
 * records to {@code vigil.deadletter}. Hands it to the Quarkus Kafka Streams extension and exports its ingest
 * counters on /q/metrics: {@code vigil_metrics_samples_ingested_total{result}},
 * {@code vigil_metrics_samples_appended_total},
 * {@code vigil_metrics_samples_rejected_total{reason}} (duplicates, out-of-window samples, the
 * per-metric series limit, invalid label sets) and {@code vigil_metrics_deadletters_total}.
 */
@ApplicationScoped
public class TopologyProducer {
    /** The state store's name: its folder in the state directory, and the store fan-out asks peers about. */
    public static final String STORE = "tsdb";
    private final IngestCounters<AppendResult> counters = new IngestCounters<>(AppendResult.class);

    @Produces
    public Topology topology(MetricsConfig config, LocalTsdbs registry, MeterRegistry meters) {
        MetricsConfig.Storage s = config.storage();
        TsdbOptions options = TsdbOptions.DEFAULTS
                .withRetention(s.retention())
                .withOutOfOrderWindow(s.outOfOrderWindow())
                .withDownsampleAge(s.downsampleAge())
                .withMaxSeriesPerMetric(s.maxSeriesPerMetric());
        FunctionCounter.builder("vigil_metrics_deadletters", counters, IngestCounters::deadLetters)
                .description("vigil.metrics records that did not decode and went to vigil.deadletter")
                .register(meters);
        for (AppendResult r : AppendResult.values()) {
            // Every outcome under one name (dashboards sum it), and the two views an operator alerts on.
            FunctionCounter.builder("vigil_metrics_samples_ingested", counters, c -> c.total(r))
                    .description("samples read from vigil.metrics, by what the TSDB did with them")
                    .tag("result", r.name().toLowerCase(Locale.ROOT))
                    .register(meters);
            if (r.stored()) {
                FunctionCounter.builder("vigil_metrics_samples_appended", counters, c -> c.total(r))
                        .description("samples stored in the TSDB")
                        .register(meters);
            } else {
                FunctionCounter.builder("vigil_metrics_samples_rejected", counters, c -> c.total(r))
                        .description("samples the TSDB did not store, by reason")
                        .tag("reason", r.name().toLowerCase(Locale.ROOT))
                        .register(meters);
            }
        }
        return topology(options, registry, counters, s.commitInterval());
    }

    /** TSDBs are made durable, and offsets committed, every {@code commitInterval}. */
    public static Topology topology(TsdbOptions options, LocalTsdbs registry, IngestCounters<AppendResult> counters,
                                    Duration commitInterval) {
        return ReplayedTopology.build(STORE, Topics.METRICS, (dir, partition) -> TsdbPartition.open(dir, options, counters),
                registry, counters, commitInterval);
    }
}
