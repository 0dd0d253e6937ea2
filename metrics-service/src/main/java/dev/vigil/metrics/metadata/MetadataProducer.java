package dev.vigil.metrics.metadata;

import dev.vigil.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one metadata store the remote-write receiver fills and the metadata API reads. */
@ApplicationScoped
public class MetadataProducer {
    @Produces
    @Singleton
    MetricMetadataStore store(MetricsConfig config, MeterRegistry registry) {
        MetricMetadataStore store = new MetricMetadataStore(config.metadata().maxFamilies());
        registry.more().counter("vigil_metrics_metadata_dropped_total", java.util.List.of(), store, MetricMetadataStore::dropped);
        return store;
    }
}
