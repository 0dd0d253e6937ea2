package dev.vigil.metrics.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.ReplayedTopology;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.Topics;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.TsdbStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
 * per-metric series limit, invalid label sets) and {@code vigil_metrics_deadletters_total}; and what
 * the local partitions hold: {@code vigil_metrics_storage_{disk_bytes,series,samples,rollups,retention_cutoff_seconds}}.
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
        storageGauges(registry, meters);
        return topology(options, registry, counters, s.commitInterval(), s.maintenanceInterval(), s.maxPartitionBytes());
    }

    /** What the local partitions hold and keep, for an operator watching retention work. */
    private static void storageGauges(LocalTsdbs registry, MeterRegistry meters) {
        Gauge.builder("vigil_metrics_storage_disk_bytes", registry, r -> r.stats().stream().mapToLong(TsdbStats::diskTotalBytes).sum())
                .description("bytes of segment files and checkpoints of the partitions held here").baseUnit("bytes").register(meters);
        Gauge.builder("vigil_metrics_storage_series", registry, r -> r.stats().stream().mapToLong(TsdbStats::series).sum())
                .description("series held here").register(meters);
        Gauge.builder("vigil_metrics_storage_samples", registry, r -> r.stats().stream().mapToLong(TsdbStats::rawSamples).sum())
                .description("raw samples held here").register(meters);
        Gauge.builder("vigil_metrics_storage_rollups", registry, r -> r.stats().stream().mapToLong(TsdbStats::rollups).sum())
                .description("five-minute rollups held here (raw data past the downsample age)").register(meters);
        Gauge.builder("vigil_metrics_storage_retention_cutoff_seconds", registry, r -> r.stats().stream()
                        .mapToLong(TsdbStats::retentionCutoffMs).filter(ms -> ms != Long.MIN_VALUE).min().orElse(0) / 1000.0)
                .description("nothing older than this is kept (Unix seconds; 0 before retention first ran)").register(meters);
    }

    /**
     * TSDBs are made durable, and offsets committed, every {@code commitInterval}; retention and
     * downsampling run every {@code maintenanceInterval}.
     */
    public static Topology topology(TsdbOptions options, LocalTsdbs registry, IngestCounters<AppendResult> counters,
                                    Duration commitInterval, Duration maintenanceInterval) {
        return topology(options, registry, counters, commitInterval, maintenanceInterval, 0);
    }

    /** As above, each partition keeping at most {@code maxPartitionBytes} of closed chunks (0: no limit). */
    public static Topology topology(TsdbOptions options, LocalTsdbs registry, IngestCounters<AppendResult> counters,
                                    Duration commitInterval, Duration maintenanceInterval, long maxPartitionBytes) {
        return ReplayedTopology.build(STORE, Topics.METRICS,
                (dir, partition) -> TsdbPartition.open(dir, options, counters, maxPartitionBytes),
                registry, counters, commitInterval, maintenanceInterval);
    }
}
