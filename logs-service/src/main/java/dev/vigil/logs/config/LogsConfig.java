package dev.vigil.logs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the logs service. */
@ConfigMapping(prefix = "vigil.logs")
public interface LogsConfig {
    @WithDefault("7d")
    Duration retention();

    @WithDefault("1h")
    Duration outOfOrderWindow();

    /** Most entries a log query returns, as Loki's max_entries_limit_per_query. */
    @WithDefault("5000")
    int maxEntriesLimit();

    /**
     * How often the log store is made durable and the input offsets committed: what a crash makes
     * the service replay from {@code vigil.logs}.
     */
    @WithDefault("5s")
    Duration commitInterval();

    /**
     * Largest decompressed protobuf push body accepted, in bytes (100 MiB, as Mimir's
     * {@code distributor.max-recv-msg-size} for remote write). A snappy block declaring more is
     * refused with 400 before anything is allocated for it.
     */
    @WithDefault("104857600")
    long pushMaxDecompressedBytes();

    /** How often retention runs. */
    @WithDefault("10m")
    Duration maintenanceInterval();

    Otlp otlp();

    /** Optional intake of the OpenTelemetry Collector's Kafka exporter output ({@code otlp_proto} encoding). */
    interface Otlp {
        @WithDefault("false")
        boolean enabled();

        /** The topic the Collector's kafka exporter writes logs to. */
        @WithDefault("otlp_logs")
        String topic();

        /** The consumer group whose committed offsets say what has been translated. */
        @WithDefault("vigil-logs-otlp")
        String groupId();
    }
}
