package dev.vigil.logs.ingest;

import dev.vigil.kafka.KafkaTestResource;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OTLP over HTTP ({@code POST /v1/logs}) as an OpenTelemetry SDK or Collector sends it, to a LogQL query. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OtlpHttpPushTest {
    private final long t = (System.currentTimeMillis() - 30_000) * 1_000_000L;

    @Test
    void protobufExportIsAnswered200AndQueryableByItsServiceName() throws IOException {
        ExportLogsServiceRequest req = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("otlp-proto-svc"))))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(t)
                        .setSeverityText("ERROR").setBody(AnyValue.newBuilder().setStringValue("payment failed")))))
                .build();
        Response r = given().contentType("application/x-protobuf").body(req.toByteArray()).post("/v1/logs");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("application/x-protobuf", r.contentType());
        assertEquals(ExportLogsServiceResponse.getDefaultInstance(), ExportLogsServiceResponse.parseFrom(r.asByteArray()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{service_name=\"otlp-proto-svc\"} | severity_text=\"ERROR\"")
                        .queryParam("start", t - 1).queryParam("end", t + 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].values[0][1]", equalTo("payment failed")));
    }

    /** The OpenTelemetry Java SDK's own OTLP/HTTP log exporter (gzip, protobuf). */
    @Test
    void theOpenTelemetrySdksHttpExporterIsAccepted() {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://localhost:" + RestAssured.port + "/v1/logs").setCompression("gzip").build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(io.opentelemetry.sdk.resources.Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "sdk-logs")))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        try {
            provider.get("vigil-test").logRecordBuilder().setTimestamp(t, TimeUnit.NANOSECONDS)
                    .setSeverity(Severity.WARN).setSeverityText("WARN").setBody("disk almost full")
                    .setAttribute(AttributeKey.stringKey("disk"), "C:").emit();
            assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the exporter's request was answered 2xx");
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{service_name=\"sdk-logs\"} | disk=\"C:\" | severity_text=\"WARN\"")
                        .queryParam("start", t - 1).queryParam("end", t + 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].values[0][1]", equalTo("disk almost full")));
    }

    @Test
    void otlpJsonExportWithHexTraceIdIsQueryableByIt() {
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"otlp-json-svc"}}]},
                 "scopeLogs":[{"logRecords":[{"timeUnixNano":"%d","body":{"stringValue":"hello over otlp/json"},
                   "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174"}]}]}]}
                """.formatted(t);
        // Loki's path for its OTLP receiver answers the same
        given().contentType("application/json").body(json).post("/otlp/v1/logs")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{service_name=\"otlp-json-svc\"} | trace_id=\"5b8efff798038103d269b633813fc60c\"")
                        .queryParam("start", t - 1).queryParam("end", t + 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].values[0][1]", equalTo("hello over otlp/json")));
    }

    @Test
    void badBodiesAre400WithAStatusAndOtherTypes415() {
        given().contentType("application/json").body("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"xyz\"}]}]}]}")
                .post("/v1/logs").then().statusCode(400).body("code", equalTo(3)).body("message", containsString("traceId"));
        given().contentType("application/x-protobuf").body(new byte[] {(byte) 0xff, 1}).post("/v1/logs").then().statusCode(400);
        given().contentType("text/plain").body("x").post("/v1/logs").then().statusCode(415);
        given().get("/q/health/live").then().statusCode(200);
    }
}
