package dev.vigil.metrics.otlp;

import dev.vigil.model.DecodeException;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.StaleNaN;
import dev.vigil.model.otlp.AttributeValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.metrics.otlp.OtlpProtos.attrs;
import static dev.vigil.metrics.otlp.OtlpProtos.point;
import static dev.vigil.metrics.otlp.OtlpProtos.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtlpMetricsTranslatorTest {
    private static final long T = 1_700_000_000_000L;
    private static final List<KeyValue> SERVICE = attrs("service.name", "cart", "service.namespace", "shop",
            "service.instance.id", "pod-1");

    private static Map<Labels, List<Sample>> translate(List<KeyValue> resource, Metric... metrics) {
        Map<Labels, List<Sample>> out = new TreeMap<>();
        for (MetricSeries s : OtlpMetricsTranslator.translate(request(resource, metrics)).series()) {
            out.put(s.labels(), s.samples());
        }
        return out;
    }

    private static Labels cart(String... more) {
        Labels.Builder b = Labels.of(more).toBuilder();
        return b.set("job", "shop/cart").set("instance", "pod-1").build();
    }

    @Test
    void gaugeKeepsItsValueAndMillisecondTimestampWithSanitizedAttributes() {
        Metric m = Metric.newBuilder().setName("memory.usage").setUnit("By")
                .setGauge(Gauge.newBuilder().addDataPoints(point(T, 512, "host.name", "n1", "2xx", "a"))).build();
        assertEquals(Map.of(cart("__name__", "memory_usage_bytes", "host_name", "n1", "key_2xx", "a"), List.of(new Sample(T, 512))),
                translate(SERVICE, m));
    }

    @Test
    void integerValuesBecomeFloats() {
        Metric m = Metric.newBuilder().setName("threads").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsInt(42))).build();
        assertEquals(List.of(new Sample(T, 42)), translate(SERVICE, m).get(cart("__name__", "threads")));
    }

    @Test
    void monotonicCumulativeSumIsACounterWithTotal() {
        Metric m = Metric.newBuilder().setName("http.requests").setUnit("{request}").setSum(Sum.newBuilder()
                .setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(point(T, 5, "code", "200")).addDataPoints(point(T + 15_000, 9, "code", "200"))).build();
        assertEquals(Map.of(cart("__name__", "http_requests_total", "code", "200"), List.of(new Sample(T, 5), new Sample(T + 15_000, 9))),
                translate(SERVICE, m));
    }

    @Test
    void nonMonotonicSumIsAGaugeWithoutTotalOrRatio() {
        Metric m = Metric.newBuilder().setName("queue.length").setUnit("1").setSum(Sum.newBuilder()
                .setIsMonotonic(false).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(point(T, -3))).build();
        assertEquals(Map.of(cart("__name__", "queue_length"), List.of(new Sample(T, -3))), translate(SERVICE, m));
    }

    @Test
    void gaugeOfUnitOneEndsInRatio() {
        Metric m = Metric.newBuilder().setName("cpu.utilization").setUnit("1")
                .setGauge(Gauge.newBuilder().addDataPoints(point(T, 0.25))).build();
        assertTrue(translate(SERVICE, m).containsKey(cart("__name__", "cpu_utilization_ratio")));
    }

    @Test
    void cumulativeHistogramBecomesCumulativeBucketsSumAndCount() {
        Metric m = Metric.newBuilder().setName("http.server.duration").setUnit("s").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setCount(10).setSum(4.5)
                        .addAllExplicitBounds(List.of(0.1, 1.0, 2.5)).addAllBucketCounts(List.of(3L, 4L, 2L, 1L))
                        .addAllAttributes(attrs("route", "/a")))).build();
        String n = "http_server_duration_seconds";
        assertEquals(Map.of(
                        cart("__name__", n + "_bucket", "route", "/a", "le", "0.1"), List.of(new Sample(T, 3)),
                        cart("__name__", n + "_bucket", "route", "/a", "le", "1"), List.of(new Sample(T, 7)),
                        cart("__name__", n + "_bucket", "route", "/a", "le", "2.5"), List.of(new Sample(T, 9)),
                        cart("__name__", n + "_bucket", "route", "/a", "le", "+Inf"), List.of(new Sample(T, 10)),
                        cart("__name__", n + "_sum", "route", "/a"), List.of(new Sample(T, 4.5)),
                        cart("__name__", n + "_count", "route", "/a"), List.of(new Sample(T, 10))),
                translate(SERVICE, m));
    }

    @Test
    void histogramWithoutSumHasNoSumSeries() {
        Metric m = Metric.newBuilder().setName("lat").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setCount(2))).build();
        assertEquals(Map.of(cart("__name__", "lat_bucket", "le", "+Inf"), List.of(new Sample(T, 2)),
                cart("__name__", "lat_count"), List.of(new Sample(T, 2))), translate(SERVICE, m));
    }

    @Test
    void summaryBecomesQuantilesSumAndCount() {
        Metric m = Metric.newBuilder().setName("rpc.latency").setUnit("ms").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setCount(4).setSum(100)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(20))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(70)))).build();
        String n = "rpc_latency_milliseconds";
        assertEquals(Map.of(
                        cart("__name__", n, "quantile", "0.5"), List.of(new Sample(T, 20)),
                        cart("__name__", n, "quantile", "0.99"), List.of(new Sample(T, 70)),
                        cart("__name__", n + "_sum"), List.of(new Sample(T, 100)),
                        cart("__name__", n + "_count"), List.of(new Sample(T, 4))),
                translate(SERVICE, m));
    }

    @Test
    void noRecordedValueFlagBecomesTheStaleMarker() {
        Metric m = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T, 1).setFlags(1))).build();
        Sample s = translate(SERVICE, m).get(cart("__name__", "up")).get(0);
        assertTrue(StaleNaN.is(s.value()), "value bits " + Long.toHexString(Double.doubleToRawLongBits(s.value())));
    }

    @Test
    void deltaSumsAndHistogramsAndExponentialHistogramsAreRejectedAndCounted() {
        Metric deltaSum = Metric.newBuilder().setName("d").setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(point(T, 1)).addDataPoints(point(T + 1, 1))).build();
        Metric deltaHist = Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(1))).build();
        Metric exp = Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(1))).build();
        Metric kept = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(point(T, 1))).build();
        MetricTranslation t = OtlpMetricsTranslator.translate(request(SERVICE, deltaSum, deltaHist, exp, kept));
        assertEquals(Map.of(RejectReason.DELTA_TEMPORALITY, 3L, RejectReason.EXPONENTIAL_HISTOGRAM, 1L), t.rejected());
        assertEquals(List.of(cart("__name__", "g")), t.series().stream().map(MetricSeries::labels).toList());
    }

    @Test
    void jobIsTheServiceNameAloneWithoutNamespaceAndInstanceIsAbsentWithoutId() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(point(T, 1, "instance", "mine"))).build();
        assertEquals(Map.of(Labels.of("__name__", "g", "job", "cart", "instance", "mine"), List.of(new Sample(T, 1))),
                translate(attrs("service.name", "cart"), m));
    }

    @Test
    void resourceIdentityOverridesDataPointJobAndInstance() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T, 1, "job", "other", "instance", "other"))).build();
        assertTrue(translate(SERVICE, m).containsKey(cart("__name__", "g")));
    }

    @Test
    void attributesCollidingAfterSanitizingJoinTheirValuesInKeyOrder() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T, 1, "a.b", "dot", "a-b", "dash"))).build();
        assertTrue(translate(SERVICE, m).containsKey(cart("__name__", "g", "a_b", "dash;dot")));
    }

    @Test
    void nonStringAttributeValuesAreWrittenAsText() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(point(T, 1)
                .addAttributes(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(7)))
                .addAttributes(KeyValue.newBuilder().setKey("ok").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(KeyValue.newBuilder().setKey("f").setValue(AnyValue.newBuilder().setDoubleValue(0.5))))).build();
        assertTrue(translate(SERVICE, m).containsKey(cart("__name__", "g", "n", "7", "ok", "true", "f", "0.5")));
    }

    @Test
    void otherResourceAttributesGoToTargetInfoAtTheLatestTimestamp() {
        List<KeyValue> resource = attrs("service.name", "cart", "service.namespace", "shop", "service.instance.id", "pod-1",
                "k8s.pod.name", "cart-7d9", "host.arch", "amd64");
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T, 1)).addDataPoints(point(T + 30_000, 2))).build();
        Map<Labels, List<Sample>> out = translate(resource, m);
        assertEquals(List.of(new Sample(T + 30_000, 1)),
                out.get(cart("__name__", "target_info", "k8s_pod_name", "cart-7d9", "host_arch", "amd64")));
        assertEquals(2, out.size());
    }

    @Test
    void noTargetInfoWhenTheResourceHasOnlyIdentifyingAttributes() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(point(T, 1))).build();
        assertEquals(List.of(cart("__name__", "g")), List.copyOf(translate(SERVICE, m).keySet()));
    }

    @Test
    void samplesOfOneSeriesAreSortedByTime() {
        Metric m = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T + 10, 2)).addDataPoints(point(T, 1))).build();
        assertEquals(List.of(new Sample(T, 1), new Sample(T + 10, 2)), translate(SERVICE, m).get(cart("__name__", "g")));
    }

    @Test
    void metricWithoutUsableNameIsRejected() {
        Metric m = Metric.newBuilder().setName("...").setGauge(Gauge.newBuilder().addDataPoints(point(T, 1))).build();
        MetricTranslation t = OtlpMetricsTranslator.translate(request(SERVICE, m));
        assertEquals(Map.of(RejectReason.INVALID_NAME, 1L), t.rejected());
        assertTrue(t.series().isEmpty());
    }

    @Test
    void bytesThatAreNotAnExportRequestAreADecodeErrorNamingTheType() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> OtlpMetricsTranslator.translate(new byte[]{(byte) 0xff, (byte) 0xff, 0x01}));
        assertTrue(e.getMessage().contains("ExportMetricsServiceRequest"), e.getMessage());
    }
}
