package dev.vigil.logs.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.model.DecodeException;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.otlp.AttributeValues;
import dev.vigil.model.otlp.LabelNamer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates an OTLP {@code ExportLogsServiceRequest} (what the Collector's Kafka exporter writes
 * with {@code otlp_proto} encoding) into log streams, by Loki 3's default OTLP rules:
 * <ul>
 *   <li>stream labels are the resource attributes of {@link #STREAM_ATTRIBUTES}, dots turned into
 *       underscores; {@code service_name} is {@code unknown_service} when the resource has none;</li>
 *   <li>every other resource attribute, the scope's attributes, name and version, the record's
 *       attributes, {@code severity_text}, {@code severity_number}, {@code trace_id},
 *       {@code span_id} (hex) and {@code observed_timestamp} become structured metadata (map
 *       values flattened to {@code parent_child} names);</li>
 *   <li>the line is the body, a string as it is and anything else as text (maps and arrays as
 *       JSON);</li>
 *   <li>the timestamp is {@code time_unix_nano}, or {@code observed_time_unix_nano} when that is
 *       0, or the given fallback (the Kafka record's timestamp, so a replay gives the same
 *       entry) when both are.</li>
 * </ul>
 */
public final class OtlpLogsTranslator {
    /** Resource attributes that become stream labels; Loki 3's default list. */
    public static final List<String> STREAM_ATTRIBUTES = List.of(
            "service.name", "service.namespace", "service.instance.id",
            "deployment.environment", "deployment.environment.name",
            "cloud.region", "cloud.availability_zone",
            "k8s.cluster.name", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name", "container.name",
            "k8s.replicaset.name", "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name",
            "k8s.cronjob.name", "k8s.job.name");
    static final String SERVICE_NAME_LABEL = "service_name";
    static final String UNKNOWN_SERVICE = "unknown_service";
    private static final Set<String> STREAM_ATTRIBUTE_SET = Set.copyOf(STREAM_ATTRIBUTES);
    private static final HexFormat HEX = HexFormat.of();

    private OtlpLogsTranslator() {
    }

    /** @throws DecodeException when the bytes are not an {@code ExportLogsServiceRequest} */
    public static LogTranslation translate(byte[] record, long fallbackNanos) {
        if (record == null) {
            throw new DecodeException("OTLP logs record has no value", null);
        }
        try {
            return translate(ExportLogsServiceRequest.parseFrom(record), fallbackNanos);
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("not an OTLP ExportLogsServiceRequest (otlp_proto): " + e.getMessage(), e);
        }
    }

    /** @param fallbackNanos the timestamp of records that carry neither time nor observed time */
    public static LogTranslation translate(ExportLogsServiceRequest request, long fallbackNanos) {
        Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            TreeMap<String, String> labels = new TreeMap<>();
            TreeMap<String, String> resourceMeta = new TreeMap<>();
            for (KeyValue kv : rl.getResource().getAttributesList()) {
                if (STREAM_ATTRIBUTE_SET.contains(kv.getKey())) {
                    LabelNamer.name(kv.getKey()).ifPresent(n -> labels.put(n, AttributeValues.text(kv.getValue())));
                } else {
                    flatten(kv, "", resourceMeta);
                }
            }
            labels.putIfAbsent(SERVICE_NAME_LABEL, UNKNOWN_SERVICE);
            List<LogEntry> entries = streams.computeIfAbsent(Labels.from(labels), l -> new ArrayList<>());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                TreeMap<String, String> scopeMeta = new TreeMap<>(resourceMeta);
                scope(sl.getScope(), scopeMeta);
                for (LogRecord r : sl.getLogRecordsList()) {
                    entries.add(entry(r, scopeMeta, fallbackNanos));
                }
            }
        }
        List<LogStream> out = new ArrayList<>(streams.size());
        streams.forEach((labels, entries) -> {
            if (!entries.isEmpty()) {
                entries.sort(Comparator.comparingLong(LogEntry::timestampNanos));
                out.add(new LogStream(labels, entries));
            }
        });
        return new LogTranslation(out);
    }

    private static void scope(InstrumentationScope scope, Map<String, String> meta) {
        for (KeyValue kv : scope.getAttributesList()) {
            flatten(kv, "", meta);
        }
        meta.put("scope_name", scope.getName());
        meta.put("scope_version", scope.getVersion());
    }

    private static LogEntry entry(LogRecord r, Map<String, String> inherited, long fallbackNanos) {
        TreeMap<String, String> meta = new TreeMap<>(inherited);
        for (KeyValue kv : r.getAttributesList()) {
            flatten(kv, "", meta);
        }
        long ts = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano()
                : r.getObservedTimeUnixNano() != 0 ? r.getObservedTimeUnixNano() : fallbackNanos;
        // When the time is missing the observed time already is the timestamp.
        if (r.getTimeUnixNano() != 0 && r.getObservedTimeUnixNano() != 0) {
            meta.put("observed_timestamp", Long.toUnsignedString(r.getObservedTimeUnixNano()));
        }
        if (r.getSeverityNumberValue() != 0) {
            meta.put("severity_number", Integer.toString(r.getSeverityNumberValue()));
        }
        meta.put("severity_text", r.getSeverityText());
        meta.put("trace_id", hex(r.getTraceId()));
        meta.put("span_id", hex(r.getSpanId()));
        String line = r.hasBody() ? AttributeValues.text(r.getBody()) : "";
        return new LogEntry(ts, line, Labels.from(meta));
    }

    /** One attribute as metadata; a map value becomes one entry per leaf, named {@code key_child}. */
    private static void flatten(KeyValue kv, String prefix, Map<String, String> meta) {
        String key = prefix.isEmpty() ? kv.getKey() : prefix + "_" + kv.getKey();
        if (kv.getValue().hasKvlistValue()) {
            for (KeyValue child : kv.getValue().getKvlistValue().getValuesList()) {
                flatten(child, key, meta);
            }
            return;
        }
        LabelNamer.name(key).ifPresent(n -> meta.put(n, AttributeValues.text(kv.getValue())));
    }

    private static String hex(ByteString id) {
        return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
    }
}
