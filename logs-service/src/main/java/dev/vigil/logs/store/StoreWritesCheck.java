package dev.vigil.logs.store;

import dev.vigil.kafka.streams.StoreDurability;
import dev.vigil.kafka.streams.WriteFailureGuard;
import dev.vigil.logs.config.LogsConfig;
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
 * Readiness DOWN while the local log stores cannot write (a full disk), with the reason and since
 * when; the instance keeps answering queries and stops consuming meanwhile ({@link WriteFailureGuard},
 * started here), and is ready again once a retry writes. On /q/metrics:
 * {@code vigil_logs_ingest_paused} and {@code vigil_logs_storage_write_failures_total}.
 */
@Readiness
@Singleton
public class StoreWritesCheck implements HealthCheck {
    private final StoreDurability durability;
    private WriteFailureGuard guard;

    public StoreWritesCheck(LocalLogStores local) {
        this.durability = local.durability();
    }

    void start(@Observes StartupEvent event, Instance<KafkaStreams> streams, LogsConfig config, MeterRegistry meters) {
        if (!streams.isResolvable()) {
            return;
        }
        guard = WriteFailureGuard.start(streams.get(), durability, config.commitInterval());
        Gauge.builder("vigil_logs_ingest_paused", guard, g -> g.paused() ? 1 : 0)
                .description("1 while consumption of vigil.logs is paused because the log store cannot write").register(meters);
        FunctionCounter.builder("vigil_logs_storage_write_failures", durability, StoreDurability::failures)
                .description("attempts to write or make the log store durable that failed (a full disk)").register(meters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (guard != null) {
            guard.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return durability.failure()
                .map(f -> HealthCheckResponse.named("log store writes").down()
                        .withData("reason", f.reason())
                        .withData("since", Instant.ofEpochMilli(f.sinceMillis()).toString())
                        .build())
                .orElseGet(() -> HealthCheckResponse.up("log store writes"));
    }
}
