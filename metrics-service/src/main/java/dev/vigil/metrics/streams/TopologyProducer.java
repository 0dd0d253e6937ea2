package dev.vigil.metrics.streams;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.tsdb.TsdbOptions;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands the metrics topology to the Quarkus Kafka Streams extension. */
@ApplicationScoped
public class TopologyProducer {
    private final IngestCounters counters = new IngestCounters();

    @Produces
    public Topology topology(MetricsConfig config, LocalTsdbs registry, MeterRegistry meters) {
        MetricsConfig.Storage s = config.storage();
        TsdbOptions options = TsdbOptions.DEFAULTS
                .withRetention(s.retention())
                .withOutOfOrderWindow(s.outOfOrderWindow())
                .withDownsampleAge(s.downsampleAge())
                .withMaxSeriesPerMetric(s.maxSeriesPerMetric());
        meters.gauge("vigil_metrics_deadletters_total", counters, IngestCounters::deadLetters);
        for (dev.vigil.tsdb.AppendResult r : dev.vigil.tsdb.AppendResult.values()) {
            meters.gauge("vigil_metrics_samples_ingested_total", java.util.List.of(io.micrometer.core.instrument.Tag.of("result", r.name().toLowerCase())),
                    counters, c -> c.total(r));
        }
        return MetricsTopology.build(options, registry, counters);
    }
}
