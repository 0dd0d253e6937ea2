package dev.vigil.metrics.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.model.DecodeException;
import dev.vigil.model.GoFloat;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.StaleNaN;
import dev.vigil.model.otlp.AttributeValues;
import dev.vigil.model.otlp.LabelNamer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates an OTLP {@code ExportMetricsServiceRequest} (what the Collector's Kafka exporter
 * writes with {@code otlp_proto} encoding) into Prometheus series, by the rules of Prometheus's
 * OTLP receiver:
 * <ul>
 *   <li>gauges and non-monotonic cumulative sums become gauges, monotonic cumulative sums
 *       counters ({@code _total}); names and units per {@link MetricNamer};</li>
 *   <li>explicit-bucket cumulative histograms become {@code _bucket} series with a cumulative
 *       {@code le} ({@code +Inf} holds the count), {@code _sum} (when recorded) and {@code _count};
 *       summaries become {@code quantile} series, {@code _sum} and {@code _count};</li>
 *   <li>data-point attributes become labels ({@link LabelNamer}; keys that collide after
 *       sanitizing join their values with {@code ;}), {@code job} is
 *       {@code service.namespace/service.name} (or the name alone) and {@code instance}
 *       {@code service.instance.id}; the other resource attributes go to one {@code target_info}
 *       sample (value 1) per resource, at its latest data-point timestamp;</li>
 *   <li>timestamps go from nanoseconds to milliseconds; a point flagged "no recorded value"
 *       becomes the stale marker;</li>
 *   <li>delta (or unspecified) temporality and exponential histograms are left out and counted
 *       in {@link MetricTranslation#rejected()}.</li>
 * </ul>
 */
public final class OtlpMetricsTranslator {
    static final String SERVICE_NAME = "service.name";
    static final String SERVICE_NAMESPACE = "service.namespace";
    static final String SERVICE_INSTANCE_ID = "service.instance.id";
    static final String TARGET_INFO = "target_info";
    private static final Set<String> IDENTIFYING = Set.of(SERVICE_NAME, SERVICE_NAMESPACE, SERVICE_INSTANCE_ID);
    private static final int NO_RECORDED_VALUE = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;

    private final Map<Labels, List<Sample>> out = new LinkedHashMap<>();
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, MetricTranslation.Metadata> metadata = new LinkedHashMap<>();

    private OtlpMetricsTranslator() {
    }

    /** @throws DecodeException when the bytes are not an {@code ExportMetricsServiceRequest} */
    public static MetricTranslation translate(byte[] record) {
        if (record == null) {
            throw new DecodeException("OTLP metrics record has no value", null);
        }
        try {
            return translate(ExportMetricsServiceRequest.parseFrom(record));
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("not an OTLP ExportMetricsServiceRequest (otlp_proto): " + e.getMessage(), e);
        }
    }

    public static MetricTranslation translate(ExportMetricsServiceRequest request) {
        OtlpMetricsTranslator t = new OtlpMetricsTranslator();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            t.resource(rm);
        }
        List<MetricSeries> series = new ArrayList<>(t.out.size());
        t.out.forEach((labels, samples) -> {
            samples.sort(Comparator.comparingLong(Sample::timestampMs));
            series.add(new MetricSeries(labels, samples));
        });
        return new MetricTranslation(series, t.rejected, List.copyOf(t.metadata.values()));
    }

    private void resource(ResourceMetrics rm) {
        Map<String, String> attrs = new TreeMap<>();
        for (KeyValue kv : rm.getResource().getAttributesList()) {
            attrs.put(kv.getKey(), AttributeValues.text(kv.getValue()));
        }
        Map<String, String> identity = new TreeMap<>();
        String service = attrs.getOrDefault(SERVICE_NAME, "");
        if (!service.isEmpty()) {
            String ns = attrs.getOrDefault(SERVICE_NAMESPACE, "");
            identity.put("job", ns.isEmpty() ? service : ns + "/" + service);
        }
        String instance = attrs.getOrDefault(SERVICE_INSTANCE_ID, "");
        if (!instance.isEmpty()) {
            identity.put("instance", instance);
        }
        long latest = Long.MIN_VALUE;
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
            for (Metric m : sm.getMetricsList()) {
                latest = Math.max(latest, metric(m, identity));
            }
        }
        Map<String, String> info = new TreeMap<>();
        attrs.forEach((k, v) -> {
            if (!IDENTIFYING.contains(k)) {
                LabelNamer.name(k).ifPresent(n -> info.merge(n, v, (a, b) -> a + ";" + b));
            }
        });
        if (!info.isEmpty() && latest != Long.MIN_VALUE) {
            info.putAll(identity);
            info.put(Labels.METRIC_NAME, TARGET_INFO);
            add(Labels.from(info), latest, 1);
        }
    }

    /** Adds the metric's series; returns its latest sample timestamp, or Long.MIN_VALUE for none. */
    private long metric(Metric m, Map<String, String> identity) {
        return switch (m.getDataCase()) {
            case GAUGE -> numbers(m, MetricKind.GAUGE, m.getGauge().getDataPointsList(), identity);
            case SUM -> {
                if (m.getSum().getAggregationTemporality() != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                    yield reject(RejectReason.DELTA_TEMPORALITY, m.getSum().getDataPointsCount());
                }
                MetricKind kind = m.getSum().getIsMonotonic() ? MetricKind.MONOTONIC_COUNTER : MetricKind.NON_MONOTONIC_COUNTER;
                yield numbers(m, kind, m.getSum().getDataPointsList(), identity);
            }
            case HISTOGRAM -> {
                if (m.getHistogram().getAggregationTemporality() != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                    yield reject(RejectReason.DELTA_TEMPORALITY, m.getHistogram().getDataPointsCount());
                }
                yield histograms(m, identity);
            }
            case SUMMARY -> summaries(m, identity);
            case EXPONENTIAL_HISTOGRAM -> reject(RejectReason.EXPONENTIAL_HISTOGRAM, m.getExponentialHistogram().getDataPointsCount());
            case DATA_NOT_SET -> reject(RejectReason.NO_DATA, 1);
        };
    }

    private long numbers(Metric m, MetricKind kind, List<NumberDataPoint> points, Map<String, String> identity) {
        Optional<String> name = MetricNamer.name(m.getName(), m.getUnit(), kind);
        if (name.isEmpty()) {
            return reject(RejectReason.INVALID_NAME, points.size());
        }
        describe(name.get(), kind == MetricKind.MONOTONIC_COUNTER ? "counter" : "gauge", m);
        long latest = Long.MIN_VALUE;
        for (NumberDataPoint p : points) {
            double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
            long ts = millis(p.getTimeUnixNano());
            add(labels(p.getAttributesList(), identity, name.get()), ts, value(p.getFlags(), v));
            latest = Math.max(latest, ts);
        }
        return latest;
    }

    /** The family's metadata as Prometheus's OTLP receiver keeps it: type, the metric's description and its OTLP unit. */
    private void describe(String family, String type, Metric m) {
        metadata.put(family, new MetricTranslation.Metadata(family, type, m.getDescription(), m.getUnit()));
    }

    private long histograms(Metric m, Map<String, String> identity) {
        Optional<String> name = MetricNamer.name(m.getName(), m.getUnit(), MetricKind.HISTOGRAM);
        if (name.isEmpty()) {
            return reject(RejectReason.INVALID_NAME, m.getHistogram().getDataPointsCount());
        }
        describe(name.get(), "histogram", m);
        long latest = Long.MIN_VALUE;
        for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
            long ts = millis(p.getTimeUnixNano());
            Labels base = labels(p.getAttributesList(), identity, name.get());
            if (p.hasSum()) {
                add(renamed(base, name.get() + "_sum"), ts, value(p.getFlags(), p.getSum()));
            }
            add(renamed(base, name.get() + "_count"), ts, value(p.getFlags(), unsigned(p.getCount())));
            long cumulative = 0;
            int n = Math.min(p.getExplicitBoundsCount(), p.getBucketCountsCount());
            for (int i = 0; i < n; i++) {
                cumulative += p.getBucketCounts(i);
                add(bucket(base, name.get(), GoFloat.format(p.getExplicitBounds(i))), ts, value(p.getFlags(), unsigned(cumulative)));
            }
            add(bucket(base, name.get(), "+Inf"), ts, value(p.getFlags(), unsigned(p.getCount())));
            latest = Math.max(latest, ts);
        }
        return latest;
    }

    private long summaries(Metric m, Map<String, String> identity) {
        Optional<String> name = MetricNamer.name(m.getName(), m.getUnit(), MetricKind.SUMMARY);
        if (name.isEmpty()) {
            return reject(RejectReason.INVALID_NAME, m.getSummary().getDataPointsCount());
        }
        describe(name.get(), "summary", m);
        long latest = Long.MIN_VALUE;
        for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
            long ts = millis(p.getTimeUnixNano());
            Labels base = labels(p.getAttributesList(), identity, name.get());
            add(renamed(base, name.get() + "_sum"), ts, value(p.getFlags(), p.getSum()));
            add(renamed(base, name.get() + "_count"), ts, value(p.getFlags(), unsigned(p.getCount())));
            for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
                add(base.toBuilder().set("quantile", GoFloat.format(q.getQuantile())).build(), ts, value(p.getFlags(), q.getValue()));
            }
            latest = Math.max(latest, ts);
        }
        return latest;
    }

    /** Data-point attributes (sorted, so colliding keys join in a stable order), then job/instance, then the name. */
    private static Labels labels(List<KeyValue> attributes, Map<String, String> identity, String name) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (KeyValue kv : attributes) {
            sorted.put(kv.getKey(), AttributeValues.text(kv.getValue()));
        }
        TreeMap<String, String> m = new TreeMap<>();
        sorted.forEach((k, v) -> LabelNamer.name(k).ifPresent(n -> m.merge(n, v, (a, b) -> a + ";" + b)));
        m.putAll(identity);
        m.put(Labels.METRIC_NAME, name);
        return Labels.from(m);
    }

    private static Labels renamed(Labels base, String name) {
        return base.toBuilder().set(Labels.METRIC_NAME, name).build();
    }

    private static Labels bucket(Labels base, String name, String le) {
        return base.toBuilder().set(Labels.METRIC_NAME, name + "_bucket").set("le", le).build();
    }

    private void add(Labels labels, long ts, double v) {
        out.computeIfAbsent(labels, l -> new ArrayList<>()).add(new Sample(ts, v));
    }

    private long reject(RejectReason reason, long points) {
        rejected.merge(reason, points, Long::sum);
        return Long.MIN_VALUE;
    }

    private static double value(int flags, double v) {
        return (flags & NO_RECORDED_VALUE) != 0 ? StaleNaN.VALUE : v;
    }

    private static long millis(long unixNanos) {
        return Long.divideUnsigned(unixNanos, 1_000_000L);
    }

    /** OTLP counts are unsigned 64-bit. */
    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }
}
