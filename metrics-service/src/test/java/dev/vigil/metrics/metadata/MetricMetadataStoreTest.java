package dev.vigil.metrics.metadata;

import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.MetricMetadata;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricMetadataStoreTest {
    private static MetricMetadata meta(String name, MetricMetadata.MetricType type, String help) {
        return MetricMetadata.newBuilder().setMetricFamilyName(name).setType(type).setHelp(help).build();
    }

    private static byte[] request(MetricMetadata... metadata) {
        WriteRequest.Builder b = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("up")).addSamples(Sample.newBuilder().setTimestamp(1).setValue(1)));
        for (MetricMetadata m : metadata) {
            b.addMetadata(m);
        }
        return b.build().toByteArray();
    }

    private static void record(MetricMetadataStore store, byte[] writeRequest) {
        MetricMetadataStore.parse("fake", writeRequest).forEach(store::record);
    }

    @Test
    void metadataIsReadBesideTheSeriesAndAnsweredAsPrometheusDoes() {
        MetricMetadataStore store = new MetricMetadataStore(100);
        List<dev.vigil.model.MetricMetadataRecord> read = MetricMetadataStore.parse("fake", request(meta("node_cpu_seconds_total",
                MetricMetadata.MetricType.COUNTER, "Seconds the CPUs spent in each mode."), meta("node_load1", MetricMetadata.MetricType.GAUGE,
                "1m load average.")));
        assertEquals(2, read.size());
        read.forEach(store::record);
        assertEquals(Map.of("node_load1", List.of(new MetricMetadataStore.Entry("gauge", "1m load average.", ""))),
                store.query("fake", "node_load1", -1, -1));
        assertEquals(List.of("node_cpu_seconds_total"), List.copyOf(store.query("fake", null, 1, -1).keySet()), "limit counts families, by name");
        assertEquals(Map.of(), store.query("other-tenant", null, -1, -1), "each tenant sees its own");
        // a later word on the same family and type replaces the earlier one
        record(store, request(meta("node_load1", MetricMetadata.MetricType.GAUGE, "Load average over 1 minute.")));
        assertEquals("Load average over 1 minute.", store.query("fake", "node_load1", -1, -1).get("node_load1").get(0).help());
        assertEquals(0, MetricMetadataStore.parse("fake", request()).size(), "a request without metadata");
    }

    @Test
    void familiesBeyondTheLimitAreDroppedAndCounted() {
        MetricMetadataStore store = new MetricMetadataStore(1);
        record(store, request(meta("a", MetricMetadata.MetricType.COUNTER, ""), meta("b", MetricMetadata.MetricType.COUNTER, "")));
        assertEquals(List.of("a"), List.copyOf(store.query("fake", null, -1, -1).keySet()));
        assertEquals(1, store.dropped());
    }

    @Test
    void aTruncatedBodyKeepsWhatItCouldRead() {
        MetricMetadataStore store = new MetricMetadataStore(10);
        byte[] whole = request(meta("a", MetricMetadata.MetricType.SUMMARY, "h"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        record(store, cut);
        assertEquals(Map.of(), store.query("fake", "a", -1, -1));
        record(store, whole);
        assertEquals("summary", store.query("fake", "a", -1, -1).get("a").get(0).type());
    }
}
