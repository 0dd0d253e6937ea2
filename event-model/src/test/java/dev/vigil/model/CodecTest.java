package dev.vigil.model;

import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {

    @Test
    void metricBatchRoundTripKeepsStaleMarkerBits() {
        Labels l = Labels.of("__name__", "up", "job", "node", "os", "windows");
        List<MetricSeries> in = List.of(new MetricSeries(l, List.of(new Sample(1000, 1.5), new Sample(2000, StaleNaN.VALUE))));
        List<MetricSeries> out = MetricCodec.decode(MetricCodec.encode(in));
        assertEquals(l, out.get(0).labels());
        assertEquals(1.5, out.get(0).samples().get(0).value());
        assertTrue(StaleNaN.is(out.get(0).samples().get(1).value()));
    }

    @Test
    void logBatchRoundTripKeepsMetadataAndNanoseconds() {
        Labels l = Labels.of("namespace", "kube-system", "pod", "coredns-1", "os", "linux");
        LogEntry e = new LogEntry(1_700_000_000_123_456_789L, "hello ünïcode", Labels.of("trace_id", "abc"));
        List<LogStream> out = LogCodec.decode(LogCodec.encode(List.of(new LogStream(l, List.of(e)))));
        assertEquals(List.of(new LogStream(l, List.of(e))), out);
    }

    @Test
    void garbageIsADecodeErrorThatSaysWhichSchema() {
        byte[] junk = "definitely not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        DecodeException e = assertThrows(DecodeException.class, () -> MetricCodec.decode(junk));
        assertTrue(e.getMessage().contains("MetricBatch"), e.getMessage());
        assertThrows(DecodeException.class, () -> LogCodec.decode(null));
    }

    @Test
    void seriesHashIsStableAndOrderIndependent() {
        Labels a = Labels.of("a", "1", "b", "2");
        Labels b = Labels.of("b", "2", "a", "1");
        assertEquals(SeriesHash.of(a), SeriesHash.of(b));
        assertNotEquals(SeriesHash.of(a), SeriesHash.of(Labels.of("a", "12")));
        // FNV-1a of the empty set is the offset basis: pins the algorithm across releases.
        assertEquals("cbf29ce484222325", SeriesHash.hex(Labels.EMPTY));
    }

    @Test
    void seriesHashOverLabelBytesEqualsTheHashOfTheLabelSet() {
        Labels l = Labels.of("__name__", "node_cpu_seconds_total", "cpu", "0", "city", "Zürich");
        long h = SeriesHash.start();
        for (int i = 0; i < l.size(); i++) {
            byte[] name = l.name(i).getBytes(StandardCharsets.UTF_8);
            byte[] value = l.value(i).getBytes(StandardCharsets.UTF_8);
            byte[] buf = new byte[name.length + value.length + 3];
            System.arraycopy(name, 0, buf, 1, name.length);
            System.arraycopy(value, 0, buf, 2 + name.length, value.length);
            h = SeriesHash.pair(h, buf, 1, name.length, 2 + name.length, value.length);
        }
        assertEquals(SeriesHash.of(l), h);
        assertEquals(SeriesHash.partition(l, 7), SeriesHash.partition(h, 7));
    }

    @Test
    void diagnosticsResultJsonRoundTrip() {
        DiagnosticsResult r = new DiagnosticsResult("run-1", "win-1", "windows", "eventlog", DiagnosticsResult.Status.PASSED,
                "Event Log reachable", Instant.parse("2024-01-01T00:00:00Z"));
        assertEquals(r, Json.decode(Json.encode(r), DiagnosticsResult.class));
    }

    @Test
    void nodeOsFollowsJavaOsName() {
        assertEquals(NodeOs.WINDOWS, NodeOs.fromOsName("Windows Server 2022"));
        assertEquals(NodeOs.LINUX, NodeOs.fromOsName("Linux"));
        assertEquals(NodeOs.WINDOWS, NodeOs.fromLabel("Windows"));
        assertThrows(IllegalArgumentException.class, () -> NodeOs.fromLabel("plan9"));
    }
}
