package dev.vigil.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the metrics service: storage, query limits, scale-out. */
@ConfigMapping(prefix = "vigil.metrics")
public interface MetricsConfig {
    Storage storage();

    Query query();

    Fanout fanout();

    Otlp otlp();

    RemoteWrite remoteWrite();

    Metadata metadata();

    /** Where {@code /api/v1/rules} and {@code /api/v1/alerts} are answered from: the alert service's API. */
    @WithDefault("http://127.0.0.1:9093")
    String rulesUrl();

    /** Metric metadata (TYPE, HELP, UNIT) that remote-write senders send, for {@code /api/v1/metadata}. */
    interface Metadata {
        /** Most metric families kept per tenant; the metadata of further ones is not kept (counted as dropped). */
        @WithDefault("100000")
        int maxFamilies();
    }

    /** The remote-write receiver's producer into {@code vigil.metrics}. */
    interface RemoteWrite {
        /** Kafka compression of the records it writes: none, gzip, snappy, lz4 or zstd. */
        @WithDefault("zstd")
        String compression();

        /**
         * How long the producer waits for more records before sending. Every request waits for its
         * acknowledgement, so this adds to each answer; under concurrent senders it lets their
         * records share one produce request.
         */
        @WithDefault("0")
        int lingerMs();

        /**
         * Largest decompressed body accepted, in bytes (100 MiB, as Mimir's
         * {@code distributor.max-recv-msg-size}). A snappy block declaring more is refused with
         * 400 before anything is allocated for it.
         */
        @WithDefault("104857600")
        long maxDecompressedBytes();

        /**
         * Largest Kafka record value written, in bytes: a request's series are split over as many
         * records as needed, and a single series that alone encodes larger is refused with 400.
         * Keep it below the producer's {@code max.request.size} and the topic's {@code max.message.bytes}.
         */
        @WithDefault("1000000")
        int maxRecordBytes();

        /** Most labels one series may have (Mimir's {@code max_label_names_per_series}); more is a 400. */
        @WithDefault("30")
        int maxLabelNamesPerSeries();

        /** Longest label name, in characters (Mimir's {@code max_label_name_length}); longer is a 400. */
        @WithDefault("1024")
        int maxLabelNameLength();

        /** Longest label value, in characters (Mimir's {@code max_label_value_length}); longer is a 400. */
        @WithDefault("2048")
        int maxLabelValueLength();
    }

    /** TSDB settings, applied to every partition's store. */
    interface Storage {
        @WithDefault("15d")
        Duration retention();

        @WithDefault("10m")
        Duration outOfOrderWindow();

        /** Data older than this is replaced by 5 m rollups. */
        @WithDefault("2d")
        Duration downsampleAge();

        @WithDefault("100000")
        int maxSeriesPerMetric();

        /**
         * How often the TSDB is made durable and the input offsets committed: what a crash makes
         * the service replay from {@code vigil.metrics}. Also how often writing is tried again
         * while the disk is full (consumption paused, readiness down).
         */
        @WithDefault("5s")
        Duration commitInterval();

        /**
         * Most bytes of closed chunks one partition's TSDB keeps (Prometheus' {@code --storage.tsdb.retention.size},
         * per partition); past it the oldest go, for every series alike. 0: no limit, only time retention.
         */
        @WithDefault("0")
        long maxPartitionBytes();

        /** How often retention and downsampling run. */
        @WithDefault("5m")
        Duration maintenanceInterval();
    }

    /** PromQL evaluation limits, as Prometheus's --query.* flags. */
    interface Query {
        @WithDefault("5m")
        Duration lookbackDelta();

        @WithDefault("50000000")
        int maxSamples();

        @WithDefault("2m")
        Duration timeout();
    }

    /** Queries read every instance's partitions through the internal API. */
    interface Fanout {
        /** How long a peer may take to answer one select before the query fails. */
        @WithDefault("30s")
        Duration timeout();

        /**
         * Per-series range functions ({@code rate(x[5m])}, {@code avg_over_time(...)}) are computed
         * by each instance over its own partitions, at once, and only their step values travel,
         * instead of every raw sample going to the instance that was asked.
         */
        @WithDefault("true")
        boolean pushdown();
    }

    /** OTLP: the HTTP receiver's limit, and the optional intake of the OpenTelemetry Collector's Kafka exporter output ({@code otlp_proto} encoding). */
    interface Otlp {
        @WithDefault("false")
        boolean enabled();

        /** The topic the Collector's kafka exporter writes metrics to. */
        @WithDefault("otlp_metrics")
        String topic();

        /** The consumer group whose committed offsets say what has been translated. */
        @WithDefault("vigil-metrics-otlp")
        String groupId();

        /**
         * The most an OTLP/HTTP request body may hold once uncompressed (the OpenTelemetry
         * Collector's own receiver default, 20 MiB); more is a 400.
         */
        @WithDefault("20971520")
        long maxRequestBytes();
    }
}
