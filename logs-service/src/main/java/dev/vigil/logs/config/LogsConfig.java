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
     * the service replay from {@code vigil.logs}. Also how often writing is tried again while the
     * disk is full (consumption paused, readiness down).
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

    /** What one LogQL query may use. */
    Query query();

    interface Query {
        /** Longest one evaluation may run (Loki's {@code query_timeout}); then it stops between lines: 503. */
        @WithDefault("1m")
        Duration timeout();

        /** Most line bytes one query may read (Loki's {@code max_query_bytes_read}); 0 for no limit; more is a 400. */
        @WithDefault("0")
        long maxBytesScanned();

        /** Longest time range of a range query (Loki's {@code max_query_length}, 721h); 0 for no limit; longer is a 400. */
        @WithDefault("721h")
        Duration maxLength();

        /** Most series in a metric query's result (Loki's {@code max_query_series}); more is a 400. */
        @WithDefault("500")
        int maxSeries();
    }

    /** Live tails ({@code /loki/api/v1/tail}) this instance serves. */
    Tail tail();

    Delete delete();

    /** Where the Loki URL's ruler API ({@code /prometheus/api/v1/rules}, {@code /alerts}) is answered from: the alert service. */
    @WithDefault("http://127.0.0.1:9093")
    String rulesUrl();

    /** Loki's log deletion API ({@code /loki/api/v1/delete}). */
    interface Delete {
        /** How long a deletion request can be cancelled (Loki's {@code delete_request_cancel_period}). */
        @WithDefault("24h")
        java.time.Duration cancelPeriod();

        /** Most deletion requests a tenant may hold; one more is a 400. Each one is checked on every read of its streams. */
        @WithDefault("1000")
        int maxRequests();
    }

    interface Tail {
        /** Most tails open at once on this instance (Loki's {@code max_concurrent_tail_requests}); one more is a 400. */
        @WithDefault("10")
        int maxConcurrent();

        /** A tail is closed after this long (Loki's {@code tail_max_duration}); the client reconnects. */
        @WithDefault("1h")
        Duration maxDuration();

        /** Furthest back a tail's {@code start} may reach; an older start is moved up to it. */
        @WithDefault("24h")
        Duration maxLookback();

        /**
         * How late an entry may become queryable and still reach a tail that has seen nothing newer:
         * each poll reads from at most this far back, so a tail whose filter never matches does
         * not rescan everything since its start.
         */
        @WithDefault("1m")
        Duration lateWindow();
    }

    /** What a push may hold (Loki's {@code limits_config} names in each setting's comment). */
    Push push();

    interface Push {
        /** Longest log line, in bytes (Loki's {@code max_line_size}, 256 KiB); 0 for no limit. */
        @WithDefault("262144")
        int maxLineSize();

        /** Cut longer lines to {@link #maxLineSize()} instead of refusing the push (Loki's {@code max_line_size_truncate}). */
        @WithDefault("false")
        boolean maxLineSizeTruncate();

        /** Most labels a stream may have (Loki's {@code max_label_names_per_series}). */
        @WithDefault("15")
        int maxLabelNamesPerSeries();

        /** Longest label name, in characters (Loki's {@code max_label_name_length}). */
        @WithDefault("1024")
        int maxLabelNameLength();

        /** Longest label value, in characters (Loki's {@code max_label_value_length}). */
        @WithDefault("2048")
        int maxLabelValueLength();

        /**
         * Largest Kafka record value written, in bytes: streams are split over as many records as
         * needed, and a single stream's entries are split by entry; one entry larger than this is a 400.
         */
        @WithDefault("1000000")
        int maxRecordBytes();
    }

    /** How often retention runs (and open chunks past {@link #chunkMaxAge()} are sealed). */
    @WithDefault("10m")
    Duration maintenanceInterval();

    /**
     * Most compressed bytes of sealed chunks one partition's store keeps; past it the oldest go,
     * for every stream alike. 0: no limit, only time retention.
     */
    @WithDefault("0")
    long maxPartitionBytes();

    /**
     * Time span of entries after which a stream's open chunk is sealed (Loki's {@code max_chunk_age});
     * retention deletes sealed chunks only, so data lives at most retention plus this long.
     */
    @WithDefault("1h")
    Duration chunkMaxAge();

    Otlp otlp();

    /** OTLP: the HTTP receiver's limit, and the optional intake of the OpenTelemetry Collector's Kafka exporter output ({@code otlp_proto} encoding). */
    interface Otlp {
        @WithDefault("false")
        boolean enabled();

        /** The topic the Collector's kafka exporter writes logs to. */
        @WithDefault("otlp_logs")
        String topic();

        /** The consumer group whose committed offsets say what has been translated. */
        @WithDefault("vigil-logs-otlp")
        String groupId();

        /**
         * The most an OTLP/HTTP request body may hold once uncompressed (the OpenTelemetry
         * Collector's own receiver default, 20 MiB); more is a 400.
         */
        @WithDefault("20971520")
        long maxRequestBytes();
    }
}
