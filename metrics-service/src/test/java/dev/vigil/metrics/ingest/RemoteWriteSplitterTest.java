package dev.vigil.metrics.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.StaleNaN;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The byte-copying split must give exactly what decoding and re-encoding gives, or step aside. */
class RemoteWriteSplitterTest {

    @Test
    void randomRequestsSplitExactlyAsDecodingThem() {
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            WriteRequest.Builder req = WriteRequest.newBuilder();
            int series = 1 + rnd.nextInt(40);
            for (int s = 0; s < series; s++) {
                TimeSeries.Builder ts = req.addTimeseriesBuilder();
                ts.addLabels(label("__name__", "metric_" + rnd.nextInt(5)));
                if (rnd.nextBoolean()) {
                    ts.addLabels(label("device", rnd.nextInt(3) == 0 ? "" : "sd" + rnd.nextInt(4))); // "" = absent
                }
                ts.addLabels(label("instance", "node-" + rnd.nextInt(100) + ":9100"));
                ts.addLabels(label("job", "node"));
                int samples = rnd.nextInt(4); // a series without samples is dropped by both
                long t = 1_700_000_000_000L + rnd.nextInt(1_000_000);
                for (int i = 0; i < samples; i++) {
                    double v = switch (rnd.nextInt(5)) {
                        case 0 -> 0.0; // omitted on the wire
                        case 1 -> StaleNaN.VALUE;
                        case 2 -> -rnd.nextDouble() * 1e12;
                        default -> rnd.nextInt(1000);
                    };
                    long ts0 = rnd.nextInt(20) == 0 ? 0 : rnd.nextInt(20) == 0 ? -t : t + i * 15_000L;
                    ts.addSamples(Sample.newBuilder().setTimestamp(ts0).setValue(v));
                }
            }
            int partitions = 1 + rnd.nextInt(6);
            assertSplitMatchesDecoder(req.build().toByteArray(), partitions);
        }
    }

    @Test
    void exemplarsHistogramsAndMetadataAreLeftOutAsTheDecoderIgnoresThem() {
        TimeSeries ts = TimeSeries.newBuilder()
                .addLabels(label("__name__", "up")).addLabels(label("job", "x"))
                .addSamples(Sample.newBuilder().setTimestamp(1000).setValue(1))
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("exemplar")).build())
                        .addField(4, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("histogram")).build())
                        .build())
                .build();
        // metadata as Prometheus sends it beside the series (the metadata API keeps it; the split skips it)
        WriteRequest req = WriteRequest.newBuilder().addTimeseries(ts)
                .addMetadata(dev.vigil.model.wire.prometheus.MetricMetadata.newBuilder().setMetricFamilyName("up")
                        .setType(dev.vigil.model.wire.prometheus.MetricMetadata.MetricType.GAUGE).setHelp("1 if the target is up"))
                .build();
        assertNotNull(assertSplitMatchesDecoder(req.toByteArray(), 3));
    }

    @Test
    void unsortedNonAsciiDuplicateOrEmptyNamedLabelsGoToTheDecoder() {
        assertFallsBack(series(label("job", "x"), label("__name__", "up"))); // unsorted: the decoder sorts
        assertFallsBack(series(label("__name__", "up"), label("city", "Zürich")));
        assertFallsBack(series(label("__name__", "up"), label("job", "a"), label("job", "b")));
        assertFallsBack(series(label("", "v"), label("__name__", "up")));
        assertFallsBack(series(label("__name__", ""))); // no labels left
        // each of these the decoder then accepts (sorted) or rejects with its reason
        assertEquals(List.of("__name__", "job"), RemoteWriteDecoder.parse(series(label("job", "x"), label("__name__", "up")))
                .get(0).labels().toMap().keySet().stream().toList());
        assertThrows(RemoteWriteDecoder.BadPayloadException.class,
                () -> RemoteWriteDecoder.parse(series(label("__name__", "up"), label("job", "a"), label("job", "b"))));
    }

    @Test
    void malformedBytesGoToTheDecoder() {
        byte[] good = series(label("__name__", "up"));
        for (int cut = 1; cut < good.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            assertNull(RemoteWriteSplitter.split(truncated, 2), "truncated at " + cut);
        }
        assertNull(RemoteWriteSplitter.split(new byte[]{(byte) 0xff, (byte) 0xff, 0x01}, 2));
    }

    private static byte[] series(Label... labels) {
        TimeSeries.Builder ts = TimeSeries.newBuilder().addSamples(Sample.newBuilder().setTimestamp(1000).setValue(1));
        for (Label l : labels) {
            ts.addLabels(l);
        }
        return WriteRequest.newBuilder().addTimeseries(ts).build().toByteArray();
    }

    private static void assertFallsBack(byte[] raw) {
        assertNull(RemoteWriteSplitter.split(raw, 4));
    }

    private static RemoteWriteSplitter.Split assertSplitMatchesDecoder(byte[] raw, int partitions) {
        RemoteWriteSplitter.Split split = RemoteWriteSplitter.split(raw, partitions);
        assertNotNull(split);
        List<List<MetricSeries>> expected = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            expected.add(new ArrayList<>());
        }
        long samples = 0;
        for (MetricSeries s : RemoteWriteDecoder.parse(raw)) {
            expected.get(SeriesHash.partition(s.labels(), partitions)).add(s);
            samples += s.samples().size();
        }
        assertEquals(samples, split.samples());
        for (int p = 0; p < partitions; p++) {
            List<MetricSeries> got = split.records()[p] == null ? List.of() : MetricCodec.decode(split.records()[p]);
            assertEquals(expected.get(p), got, "partition " + p);
            if (split.records()[p] != null) {
                assertEquals(false, got.isEmpty(), "no empty record is sent");
            }
        }
        return split;
    }

    private static Label label(String name, String value) {
        return Label.newBuilder().setName(name).setValue(value).build();
    }
}
