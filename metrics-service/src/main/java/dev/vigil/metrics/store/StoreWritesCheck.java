package dev.vigil.metrics.store;

import dev.vigil.kafka.streams.StoreDurability;
import dev.vigil.kafka.streams.WriteFailureGuard;
import dev.vigil.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * Readiness DOWN while the local TSDBs cannot write (a full disk), with the reason and since
 * when; the instance keeps answering queries and stops consuming meanwhile ({@link WriteFailureGuard},
 * started here), and is ready again once a retry writes. On /q/metrics:
 * {@code vigil_metrics_ingest_paused} and {@code vigil_metrics_storage_write_failures_total}.
 */
@Readiness
@Singleton
public class StoreWritesCheck implements HealthCheck {
    private final StoreDurability durability;
    private WriteFailureGuard guard;

    public StoreWritesCheck(LocalTsdbs local) {
        this.durability = local.durability();
    }

    void start(@Observes StartupEvent event, Instance<KafkaStreams> streams, MetricsConfig config, MeterRegistry meters) {
        if (!streams.isResolvable()) {
            return;
        }
        guard = WriteFailureGuard.start(streams.get(), durability, config.storage().commitInterval());
        Gauge.builder("vigil_metrics_ingest_paused", guard, g -> g.paused() ? 1 : 0)
                .description("1 while consumption of vigil.metrics is paused because the TSDB cannot write").register(meters);
        FunctionCounter.builder("vigil_metrics_storage_write_failures", durability, StoreDurability::failures)
                .description("attempts to write or make the TSDB durable that failed (a full disk)").register(meters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (guard != null) {
            guard.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return durability.failure()
                .map(f -> HealthCheckResponse.named("tsdb writes").down()
                        .withData("reason", f.reason())
                        .withData("since", Instant.ofEpochMilli(f.sinceMillis()).toString())
                        .build())
                .orElseGet(() -> HealthCheckResponse.up("tsdb writes"));
    }
}
