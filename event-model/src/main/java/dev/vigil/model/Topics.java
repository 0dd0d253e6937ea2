package dev.vigil.model;

import java.util.List;

/** Names of the Kafka topics Vigil reads and writes: the contract between its services. */
public final class Topics {
    /** {@code MetricBatch} protobuf records, keyed by series hash. */
    public static final String METRICS = "vigil.metrics";
    /** {@code LogBatch} protobuf records, keyed by stream hash. */
    public static final String LOGS = "vigil.logs";
    /** JSON {@code DiagnosticsRequest} records from the diagnostics service to collectors. */
    public static final String DIAGNOSTICS_REQUESTS = "vigil.diagnostics.requests";
    /** JSON {@code DiagnosticsResult} records from collectors and plugin workers. */
    public static final String DIAGNOSTICS_RESULTS = "vigil.diagnostics.results";
    /** Alertmanager webhook JSON (version 4), one record per notification. */
    public static final String ALERTS = "vigil.alerts";
    /** Compacted: active alerts with their activeAt, keyed by rule and alert fingerprint. */
    public static final String ALERT_STATE = "vigil.alerts.state";
    /** Compacted: silences keyed by id. */
    public static final String SILENCES = "vigil.alerts.silences";
    /** Compacted: notification log keyed by group key and receiver. */
    public static final String NOTIFICATION_LOG = "vigil.alerts.nflog";
    /** Compacted: metric families' type, HELP and unit (JSON {@code MetricMetadataRecord}), keyed by tenant, family and type. */
    public static final String METRIC_METADATA = "vigil.metrics.metadata";
    /** Compacted: Loki log deletion requests keyed by tenant and request id; a tombstone cancels one. */
    public static final String LOG_DELETES = "vigil.logs.deletes";
    /** Compacted: diagnostics run state keyed by run id. */
    public static final String DIAGNOSTICS_RUNS = "vigil.diagnostics.runs";
    /** Records that could not be decoded, with the reason in header {@code vigil.deadletter.reason}. */
    public static final String DEADLETTER = "vigil.deadletter";

    /** Every topic Vigil uses, with whether it is compacted. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(METRICS, false),
            new TopicSpec(LOGS, false),
            new TopicSpec(DIAGNOSTICS_REQUESTS, false),
            new TopicSpec(DIAGNOSTICS_RESULTS, false),
            new TopicSpec(ALERTS, false),
            new TopicSpec(ALERT_STATE, true),
            new TopicSpec(SILENCES, true),
            new TopicSpec(NOTIFICATION_LOG, true),
            new TopicSpec(DIAGNOSTICS_RUNS, true),
            new TopicSpec(LOG_DELETES, true),
            new TopicSpec(METRIC_METADATA, true),
            new TopicSpec(DEADLETTER, false));

    /** A topic and whether its cleanup policy is compaction. */
    public record TopicSpec(String name, boolean compacted) {
    }

    private Topics() {
    }
}
