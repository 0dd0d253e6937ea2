package dev.vigil.metrics.ingest;

import com.google.protobuf.CodedInputStream;
import dev.vigil.kafka.KafkaTestResource;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OTLP over HTTP ({@code POST /v1/metrics}) as the OpenTelemetry Collector's {@code otlphttp}
 * exporter and the SDKs send it, through the real broker to a query.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OtlpHttpWriteTest {

    private static KeyValue attr(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    private static ExportMetricsServiceRequest counter(String name, long timeMs, double value, AggregationTemporality temporality) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")).addAttributes(attr("service.instance.id", "pod-1")))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName(name).setUnit("1")
                        .setSum(Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(temporality)
                                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TimeUnit.MILLISECONDS.toNanos(timeMs))
                                        .setAsDouble(value).addAttributes(attr("http.method", "GET")))))))
                .build();
    }

    @Test
    void protobufExportIsAnswered200WithAnEmptyResponseAndBecomesQueryable() throws IOException {
        long t = System.currentTimeMillis() - 10_000;
        Response r = given().contentType("application/x-protobuf").header("Content-Encoding", "gzip")
                .body(gzip(counter("otlp_http_requests", t, 42, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).toByteArray()))
                .post("/v1/metrics");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("application/x-protobuf", r.contentType());
        assertEquals(ExportMetricsServiceResponse.getDefaultInstance(), ExportMetricsServiceResponse.parseFrom(r.asByteArray()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "otlp_http_requests_total{job=\"checkout\",instance=\"pod-1\",http_method=\"GET\"}")
                        .get("/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("42")));
    }

    /** The OpenTelemetry Java SDK's own OTLP/HTTP exporter (gzip, protobuf) is a sender the service must take as it sends. */
    @Test
    void theOpenTelemetrySdksHttpExporterIsAccepted() {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://localhost:" + RestAssured.port + "/v1/metrics").setCompression("gzip").build();
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(io.opentelemetry.sdk.resources.Resource.getDefault().merge(io.opentelemetry.sdk.resources.Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "sdk-app"))))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build();
        try {
            LongCounter counter = provider.get("vigil-test").counterBuilder("sdk.orders").setDescription("Orders placed").build();
            counter.add(5, Attributes.of(AttributeKey.stringKey("region"), "eu"));
            assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the exporter's request was answered 2xx");
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "sdk_orders_total{job=\"sdk-app\",region=\"eu\"}")
                        .get("/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("5")));
        given().queryParam("query", "target_info{job=\"sdk-app\",telemetry_sdk_language=\"java\"}").get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo("1"));
        // the family's metadata, as Prometheus's OTLP receiver keeps it, for Grafana's metric browser
        given().queryParam("metric", "sdk_orders_total").get("/api/v1/metadata").then().statusCode(200)
                .body("data.sdk_orders_total[0].type", equalTo("counter"))
                .body("data.sdk_orders_total[0].help", equalTo("Orders placed"));
    }

    @Test
    void otlpJsonExportIsAnsweredInJsonAndBecomesQueryable() {
        long tNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 5_000);
        String json = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
                 "scopeMetrics":[{"scope":{"name":"m"},"metrics":[{"name":"queue.depth","unit":"","gauge":{"dataPoints":[
                   {"timeUnixNano":"%d","asInt":"17","attributes":[{"key":"queue","value":{"stringValue":"orders"}}]}]}}]}]}]}
                """.formatted(tNanos);
        // Prometheus's path for its OTLP receiver answers the same
        given().contentType("application/json").body(json).post("/api/v1/otlp/v1/metrics")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "queue_depth{job=\"cart\",queue=\"orders\"}")
                        .get("/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("17")));
    }

    @Test
    void pointsTheTranslationLeavesOutAreReportedAsPartialSuccess() throws IOException {
        Response r = given().contentType("application/x-protobuf")
                .body(counter("otlp_http_delta", System.currentTimeMillis(), 1, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).toByteArray())
                .post("/v1/metrics");
        assertEquals(200, r.statusCode(), r.asString());
        ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(r.asByteArray());
        assertEquals(1, answer.getPartialSuccess().getRejectedDataPoints());
        assertTrue(answer.getPartialSuccess().getErrorMessage().contains("delta"), answer.getPartialSuccess().getErrorMessage());
    }

    @Test
    void badBodiesAre400WithAStatusInTheRequestsEncodingAndOtherTypes415() throws IOException {
        Response bad = given().contentType("application/x-protobuf").body(new byte[] {(byte) 0xff, 1}).post("/v1/metrics");
        assertEquals(400, bad.statusCode());
        CodedInputStream status = CodedInputStream.newInstance(bad.asByteArray());
        assertEquals(1 << 3, status.readTag());
        assertEquals(3, status.readInt32(), "google.rpc.Code INVALID_ARGUMENT");
        assertEquals((2 << 3) | 2, status.readTag());
        assertTrue(status.readString().contains("ExportMetricsServiceRequest"));

        given().contentType("application/json").body("{\"resourceMetrics\": 1}").post("/v1/metrics")
                .then().statusCode(400).contentType("application/json").body("code", equalTo(3))
                .body("message", containsString("ExportMetricsServiceRequest"));
        given().contentType("text/plain").body("x").post("/v1/metrics").then().statusCode(415);
        given().contentType("application/json").body("").post("/v1/metrics").then().statusCode(200).body(equalTo("{}"));
        // a JSON bomb: 40 MiB of spaces in 40 KiB of gzip stops at the 20 MiB limit
        byte[] spaces = new byte[40 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        given().contentType("application/json").header("Content-Encoding", "gzip").body(gzip(spaces)).post("/v1/metrics")
                .then().statusCode(400).body("message", containsString("20971520"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aSampleOlderThanTheStoresAcceptIs400AsInRemoteWrite() {
        long old = System.currentTimeMillis() - Duration.ofDays(400).toMillis();
        given().contentType("application/x-protobuf")
                .body(counter("otlp_http_old", old, 1, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).toByteArray())
                .post("/v1/metrics").then().statusCode(400);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }
}
