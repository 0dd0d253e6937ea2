package dev.vigil.model;

import dev.vigil.model.proto.Label;
import dev.vigil.model.proto.MetricBatch;
import dev.vigil.model.proto.Series;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte-walking reader must deliver exactly what {@link MetricCodec#decode} decodes, or nothing. */
class MetricRecordReaderTest {

    @Test
    void deliversWhatTheCodecDecodesForRandomBatches() {
        Random rnd = new Random(11);
        MetricRecordReader<Labels> reader = new MetricRecordReader<Labels>(l -> l, 1000);
        for (int round = 0; round < 300; round++) {
            List<MetricSeries> batch = new ArrayList<>();
            for (int s = 0, n = 1 + rnd.nextInt(30); s < n; s++) {
                Labels labels = Labels.of("__name__", "m" + rnd.nextInt(4), "instance", "n" + rnd.nextInt(50),
                        "path", rnd.nextBoolean() ? "C:\\Windows\\Temp" : "/var/lib/kubelet", "city", rnd.nextBoolean() ? "Zürich" : "");
                List<Sample> samples = new ArrayList<>();
                for (int i = 0, m = rnd.nextInt(4); i < m; i++) {
                    samples.add(new Sample(rnd.nextInt(10) == 0 ? 0 : rnd.nextLong() >> 20,
                            rnd.nextInt(5) == 0 ? StaleNaN.VALUE : rnd.nextInt(5) == 0 ? 0.0 : rnd.nextGaussian()));
                }
                batch.add(new MetricSeries(labels, samples));
            }
            byte[] record = MetricCodec.encode(batch);
            assertEquals(decodeFlat(record), readAll(reader, record));
        }
    }

    @Test
    void labelsInterleavedWithSamplesAreGatheredAsTheCodecMergesThem() {
        // protobuf concatenation merges messages: repeated fields append, so labels and samples interleave
        byte[] part1 = Series.newBuilder().addLabels(label("__name__", "up"))
                .addSamples(dev.vigil.model.proto.Sample.newBuilder().setTimestampMs(1).setValue(1)).build().toByteArray();
        byte[] part2 = Series.newBuilder().addLabels(label("job", "node"))
                .addSamples(dev.vigil.model.proto.Sample.newBuilder().setTimestampMs(2).setValue(2)).build().toByteArray();
        byte[] series = concat(part1, part2);
        byte[] record = concat(new byte[]{0x0a, (byte) series.length}, series);
        List<MetricSeries> got = readAll(new MetricRecordReader<Labels>(l -> l, 10), record);
        assertEquals(decodeFlat(record), got);
        assertEquals(Labels.of("__name__", "up", "job", "node"), got.get(0).labels());
        assertEquals(2, got.size());
    }

    @Test
    void aSeriesSeenAgainGetsTheSameHandleResolvedOnce() {
        Labels kept = Labels.of("__name__", "up", "job", "node");
        List<Labels> asked = new ArrayList<>();
        MetricRecordReader<Labels> reader = new MetricRecordReader<>(l -> {
            asked.add(l);
            return l.equals(kept) ? kept : l;
        }, 100);
        byte[] record = MetricCodec.encode(List.of(
                new MetricSeries(Labels.of("job", "node", "__name__", "up"), List.of(new Sample(1, 1))),
                new MetricSeries(Labels.of("__name__", "down"), List.of(new Sample(1, 1)))));
        List<MetricSeries> first = readAll(reader, record);
        List<MetricSeries> second = readAll(reader, record);
        assertSame(kept, first.get(0).labels());
        assertSame(kept, second.get(0).labels());
        assertSame(first.get(1).labels(), second.get(1).labels());
        assertEquals(2, asked.size(), "each label set is decoded once");
    }

    @Test
    void aBadRecordDeliversNothingAndSaysWhy() {
        MetricRecordReader<Labels> reader = new MetricRecordReader<Labels>(l -> l, 10);
        byte[] good = MetricCodec.encode(List.of(new MetricSeries(Labels.of("__name__", "up"), List.of(new Sample(1, 1)))));
        byte[] noLabels = MetricBatch.newBuilder().addSeries(Series.newBuilder()
                .addSamples(dev.vigil.model.proto.Sample.newBuilder().setTimestampMs(1).setValue(1))).build().toByteArray();
        byte[] emptyName = MetricBatch.newBuilder().addSeries(Series.newBuilder().addLabels(label("", "x"))).build().toByteArray();
        byte[] onlyEmptyValues = MetricBatch.newBuilder().addSeries(Series.newBuilder().addLabels(label("a", ""))).build().toByteArray();
        byte[] badUtf8 = good.clone();
        int at = indexOf(badUtf8, "up".getBytes(StandardCharsets.US_ASCII));
        badUtf8[at] = (byte) 0xc3; // a lead byte followed by 'p' is not UTF-8
        for (byte[] bad : List.of(concat(good, noLabels), concat(good, emptyName), concat(good, onlyEmptyValues),
                badUtf8, Arrays.copyOf(good, good.length - 1), "junk \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1))) {
            List<MetricSeries> delivered = new ArrayList<>();
            DecodeException e = assertThrows(DecodeException.class, () -> reader.read(bad, (l, t, v) -> delivered.add(null)));
            assertTrue(delivered.isEmpty(), "nothing delivered before the error: " + e.getMessage());
            assertThrows(DecodeException.class, () -> MetricCodec.decode(bad), "the codec refuses it too");
        }
        assertThrows(DecodeException.class, () -> reader.read(null, (l, t, v) -> { }));
    }

    /** One series per sample, in delivery order: what the reader delivers, and what the codec decodes flattened. */
    private static List<MetricSeries> readAll(MetricRecordReader<Labels> reader, byte[] record) {
        List<MetricSeries> out = new ArrayList<>();
        long n = reader.read(record, (labels, t, v) -> out.add(new MetricSeries(labels, List.of(new Sample(t, v)))));
        assertEquals(out.size(), n);
        return out;
    }

    private static List<MetricSeries> decodeFlat(byte[] record) {
        List<MetricSeries> out = new ArrayList<>();
        for (MetricSeries s : MetricCodec.decode(record)) {
            for (Sample sample : s.samples()) {
                out.add(new MetricSeries(s.labels(), List.of(sample)));
            }
        }
        return out;
    }

    private static Label label(String name, String value) {
        return Label.newBuilder().setName(name).setValue(value).build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
