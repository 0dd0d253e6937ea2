package dev.vigil.logs.otlp;

import com.google.protobuf.ByteString;
import dev.vigil.model.DecodeException;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtlpLogsTranslatorTest {
    private static final long T = 1_700_000_000_123_456_789L;
    private static final long FALLBACK = 42L;

    static List<KeyValue> attrs(String... kv) {
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(kv(kv[i], AnyValue.newBuilder().setStringValue(kv[i + 1]).build()));
        }
        return out;
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static ExportLogsServiceRequest request(List<KeyValue> resource, InstrumentationScope scope, LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeLogs(ScopeLogs.newBuilder().setScope(scope).addAllLogRecords(List.of(records)))).build();
    }

    static LogRecord.Builder line(String body) {
        return LogRecord.newBuilder().setTimeUnixNano(T).setBody(AnyValue.newBuilder().setStringValue(body));
    }

    private static List<LogStream> translate(List<KeyValue> resource, LogRecord... records) {
        return OtlpLogsTranslator.translate(request(resource, InstrumentationScope.getDefaultInstance(), records), FALLBACK).streams();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            service.name            | service_name
            service.namespace       | service_namespace
            service.instance.id     | service_instance_id
            deployment.environment  | deployment_environment
            cloud.region            | cloud_region
            cloud.availability_zone | cloud_availability_zone
            k8s.cluster.name        | k8s_cluster_name
            k8s.namespace.name      | k8s_namespace_name
            k8s.pod.name            | k8s_pod_name
            k8s.container.name      | k8s_container_name
            container.name          | container_name
            k8s.replicaset.name     | k8s_replicaset_name
            k8s.deployment.name     | k8s_deployment_name
            k8s.statefulset.name    | k8s_statefulset_name
            k8s.daemonset.name      | k8s_daemonset_name
            k8s.cronjob.name        | k8s_cronjob_name
            k8s.job.name            | k8s_job_name
            """)
    void listedResourceAttributesBecomeStreamLabels(String attribute, String label) {
        List<LogStream> out = translate(attrs("service.name", "cart", attribute, "v1"), line("x").build());
        assertEquals("v1", out.get(0).labels().get(label));
        assertTrue(out.get(0).entries().get(0).metadata().find(label).isEmpty(), "a stream label is not also metadata");
    }

    @Test
    void serviceNameDefaultsToUnknownService() {
        List<LogStream> out = translate(attrs("host.name", "n1"), line("x").build());
        assertEquals(Labels.of("service_name", "unknown_service"), out.get(0).labels());
    }

    @Test
    void otherAttributesScopeAndRecordFieldsBecomeStructuredMetadata() {
        InstrumentationScope scope = InstrumentationScope.newBuilder().setName("io.shop.cart").setVersion("1.2")
                .addAllAttributes(attrs("scope.attr", "s")).build();
        LogRecord r = line("payment failed").setSeverityText("ERROR").setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                .setObservedTimeUnixNano(T + 5)
                .setTraceId(ByteString.copyFrom(new byte[]{0x0a, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
                .setSpanId(ByteString.copyFrom(new byte[]{0, 0, 0, 0, 0, 0, 0, (byte) 0xff}))
                .addAllAttributes(attrs("http.route", "/pay")).build();
        List<LogStream> out = OtlpLogsTranslator.translate(
                request(attrs("service.name", "cart", "host.name", "n1"), scope, r), FALLBACK).streams();
        assertEquals(List.of(new LogStream(Labels.of("service_name", "cart"), List.of(new LogEntry(T, "payment failed", Labels.of(
                "host_name", "n1",
                "scope_attr", "s", "scope_name", "io.shop.cart", "scope_version", "1.2",
                "http_route", "/pay",
                "severity_text", "ERROR", "severity_number", "17",
                "trace_id", "0a0b0000000000000000000000000001", "span_id", "00000000000000ff",
                "observed_timestamp", Long.toString(T + 5)))))), out);
    }

    @Test
    void mapAttributesAreFlattenedWithUnderscores() {
        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("method", AnyValue.newBuilder().setStringValue("GET").build()))
                .addValues(kv("status", AnyValue.newBuilder().setIntValue(200).build()))).build();
        LogEntry e = translate(attrs("service.name", "cart"), line("x").addAttributes(kv("http", map)).build()).get(0).entries().get(0);
        assertEquals(Labels.of("http_method", "GET", "http_status", "200"), e.metadata());
    }

    @Test
    void nonStringBodiesAreWrittenAsJsonOrText() {
        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("msg", AnyValue.newBuilder().setStringValue("hi").build()))
                .addValues(kv("n", AnyValue.newBuilder().setIntValue(3).build()))).build();
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setBoolValue(true)).addValues(AnyValue.newBuilder().setDoubleValue(1.5))).build();
        List<LogEntry> entries = translate(attrs("service.name", "cart"),
                LogRecord.newBuilder().setTimeUnixNano(T).setBody(map).build(),
                LogRecord.newBuilder().setTimeUnixNano(T + 1).setBody(array).build(),
                LogRecord.newBuilder().setTimeUnixNano(T + 2).setBody(AnyValue.newBuilder().setIntValue(-7)).build(),
                LogRecord.newBuilder().setTimeUnixNano(T + 3).build()).get(0).entries();
        assertEquals(List.of("{\"msg\":\"hi\",\"n\":3}", "[true,1.5]", "-7", ""), entries.stream().map(LogEntry::line).toList());
    }

    @Test
    void timestampFallsBackToObservedTimeThenToTheGivenFallback() {
        List<LogEntry> entries = translate(attrs("service.name", "cart"),
                LogRecord.newBuilder().setObservedTimeUnixNano(T).setBody(AnyValue.newBuilder().setStringValue("observed")).build(),
                LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("none")).build()).get(0).entries();
        assertEquals(List.of(new LogEntry(FALLBACK, "none"), new LogEntry(T, "observed")), entries);
    }

    @Test
    void resourcesWithTheSameStreamLabelsShareAStreamSortedByTime() {
        ExportLogsServiceRequest req = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(request(attrs("service.name", "cart"), InstrumentationScope.getDefaultInstance(),
                        LogRecord.newBuilder().setTimeUnixNano(T + 10).setBody(AnyValue.newBuilder().setStringValue("late")).build())
                        .getResourceLogs(0))
                .addResourceLogs(request(attrs("service.name", "cart"), InstrumentationScope.getDefaultInstance(),
                        LogRecord.newBuilder().setTimeUnixNano(T).setBody(AnyValue.newBuilder().setStringValue("early")).build())
                        .getResourceLogs(0))
                .build();
        LogTranslation t = OtlpLogsTranslator.translate(req, FALLBACK);
        assertEquals(1, t.streams().size());
        assertEquals(List.of("early", "late"), t.streams().get(0).entries().stream().map(LogEntry::line).toList());
        assertEquals(2, t.lines());
    }

    @Test
    void bytesThatAreNotAnExportRequestAreADecodeErrorNamingTheType() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> OtlpLogsTranslator.translate(new byte[]{(byte) 0xff, (byte) 0xff, 0x01}, FALLBACK));
        assertTrue(e.getMessage().contains("ExportLogsServiceRequest"), e.getMessage());
    }
}
