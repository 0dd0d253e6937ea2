package dev.vigil.model.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtlpHttpTest {
    private static final long MAX = 1 << 20;

    /** An OTLP/JSON logs export as the OpenTelemetry SDKs write it (the spec's example shape). */
    private static final String LOGS_JSON = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
              "scopeLogs":[{"scope":{"name":"app"},"logRecords":[{
                "timeUnixNano":"1544712660300000000","observedTimeUnixNano":"1544712660300000000",
                "severityNumber":10,"severityText":"Information",
                "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                "body":{"stringValue":"Example log record"},
                "attributes":[{"key":"int.attribute","value":{"intValue":"10"}}],
                "someFutureField":{"x":1}}]}]}]}
            """;

    @Test
    void otlpJsonIsProtobufsMappingWithHexIdsAndUnknownFieldsIgnored() {
        ExportLogsServiceRequest r = OtlpHttp.decode("application/json", null, LOGS_JSON.getBytes(StandardCharsets.UTF_8), MAX,
                ExportLogsServiceRequest.newBuilder());
        LogRecord rec = r.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertEquals(1544712660300000000L, rec.getTimeUnixNano(), "int64 given as a string");
        assertEquals(10, rec.getSeverityNumberValue(), "enum given as its number");
        assertEquals("Example log record", rec.getBody().getStringValue());
        assertEquals(10, rec.getAttributes(0).getValue().getIntValue());
        assertArrayEquals(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"), rec.getTraceId().toByteArray(),
                "trace id read as hex, case-insensitively");
        assertArrayEquals(HexFormat.of().parseHex("eee19b7ec3c1b174"), rec.getSpanId().toByteArray());
        assertEquals("checkout", r.getResourceLogs(0).getResource().getAttributes(0).getValue().getStringValue());
    }

    @Test
    void protobufAndGzippedProtobufDecodeToTheSameMessage() throws IOException {
        ExportMetricsServiceRequest sent = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(io.opentelemetry.proto.metrics.v1.ResourceMetrics.newBuilder()
                        .addScopeMetrics(io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("requests").setSum(
                                        io.opentelemetry.proto.metrics.v1.Sum.newBuilder().setIsMonotonic(true)
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)))))
                .build();
        ExportMetricsServiceRequest plain = OtlpHttp.decode("application/x-protobuf", null, sent.toByteArray(), MAX,
                ExportMetricsServiceRequest.newBuilder());
        ExportMetricsServiceRequest zipped = OtlpHttp.decode("application/x-protobuf", "gzip", gzip(sent.toByteArray()), MAX,
                ExportMetricsServiceRequest.newBuilder());
        assertEquals(sent, plain);
        assertEquals(sent, zipped);
    }

    @Test
    void badBodiesAre400AndOtherContentTypes415() throws IOException {
        OtlpHttp.BadRequest notProto = assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/x-protobuf", null,
                new byte[] {(byte) 0xff, 1, 2}, MAX, ExportLogsServiceRequest.newBuilder()));
        assertEquals(400, notProto.status());
        assertTrue(notProto.getMessage().contains("ExportLogsServiceRequest"), notProto.getMessage());
        assertEquals(400, assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/json", null,
                "{\"resourceLogs\": 3}".getBytes(StandardCharsets.UTF_8), MAX, ExportLogsServiceRequest.newBuilder())).status());
        assertEquals(400, assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/json", null,
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"zz\"}]}]}]}".getBytes(StandardCharsets.UTF_8),
                MAX, ExportLogsServiceRequest.newBuilder())).status());
        assertEquals(400, assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/json", null,
                "not json".getBytes(StandardCharsets.UTF_8), MAX, ExportLogsServiceRequest.newBuilder())).status());
        assertEquals(415, assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("text/plain", null,
                new byte[0], MAX, ExportLogsServiceRequest.newBuilder())).status());
        assertEquals(415, assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/x-protobuf", "br",
                new byte[0], MAX, ExportLogsServiceRequest.newBuilder())).status());
        byte[] big = new byte[2048];
        OtlpHttp.BadRequest tooBig = assertThrows(OtlpHttp.BadRequest.class, () -> OtlpHttp.decode("application/x-protobuf", "gzip",
                gzip(big), 1024, ExportLogsServiceRequest.newBuilder()));
        assertEquals(400, tooBig.status());
        assertTrue(tooBig.getMessage().contains("1024"), tooBig.getMessage());
        assertFalse(OtlpHttp.isJson("application/x-protobuf"));
        assertTrue(OtlpHttp.isJson("application/json; charset=utf-8"));
    }

    @Test
    void answersAndRefusalsAreWrittenInTheRequestsEncoding() throws IOException {
        ExportLogsServiceResponse partial = ExportLogsServiceResponse.newBuilder().setPartialSuccess(
                ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(2).setErrorMessage("too old")).build();
        OtlpHttp.Body json = OtlpHttp.encode(true, partial);
        assertEquals("application/json", json.contentType());
        assertEquals("{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"too old\"}}",
                new String(json.bytes(), StandardCharsets.UTF_8));
        OtlpHttp.Body proto = OtlpHttp.encode(false, partial);
        assertEquals(partial, ExportLogsServiceResponse.parseFrom(proto.bytes()));

        assertEquals("{\"code\":3,\"message\":\"bad \\\"x\\\"\"}",
                new String(OtlpHttp.status(true, OtlpHttp.INVALID_ARGUMENT, "bad \"x\"").bytes(), StandardCharsets.UTF_8));
        CodedInputStream in = CodedInputStream.newInstance(OtlpHttp.status(false, OtlpHttp.INVALID_ARGUMENT, "bad").bytes());
        assertEquals((1 << 3), in.readTag());
        assertEquals(3, in.readInt32());
        assertEquals((2 << 3) | 2, in.readTag());
        assertEquals("bad", in.readString());
        assertEquals(0, in.readTag());
    }

    @Test
    void aRequestWrittenByProtobufsOwnJsonPrinterReadsBack() throws IOException {
        ExportLogsServiceRequest sent = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setTimeUnixNano(5).setBody(AnyValue.newBuilder().setStringValue("x"))
                        .addAttributes(KeyValue.newBuilder().setKey("k").setValue(AnyValue.newBuilder().setBoolValue(true)))
                        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10"))))))
                .build();
        String json = new String(OtlpHttp.encode(true, sent).bytes(), StandardCharsets.UTF_8)
                .replace("AQIDBAUGBwgJCgsMDQ4PEA==", "0102030405060708090a0b0c0d0e0f10"); // what OTLP/JSON senders write
        assertEquals(sent, OtlpHttp.decode("application/json", "identity", json.getBytes(StandardCharsets.UTF_8), MAX,
                ExportLogsServiceRequest.newBuilder()));
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }
}
