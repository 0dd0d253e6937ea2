package dev.vigil.metrics.ingest;

import dev.vigil.model.MetricSeries;
import dev.vigil.model.fuzz.Fuzz;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote-write bodies derived from valid ones by random edits ({@link Fuzz}), of the protobuf and
 * of the snappy block, go through what the receiver runs: only {@link RemoteWriteDecoder.BadPayloadException}
 * (a 400) comes out, and where the byte-copying splitter takes a body the decoder accepts it too,
 * with the same samples.
 */
class RemoteWriteFuzzTest {
    private static final WriteLimits LIMITS = new WriteLimits(30, 1024, 2048, Long.MIN_VALUE);

    private static byte[] request(int series, int samples) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < series; i++) {
            TimeSeries.Builder ts = TimeSeries.newBuilder()
                    .addLabels(Label.newBuilder().setName("__name__").setValue("node_cpu_seconds_total"))
                    .addLabels(Label.newBuilder().setName("cpu").setValue(Integer.toString(i)))
                    .addLabels(Label.newBuilder().setName("mode").setValue(i % 2 == 0 ? "idle" : "user"));
            for (int k = 0; k < samples; k++) {
                ts.addSamples(Sample.newBuilder().setTimestamp(1_700_000_000_000L + k * 15_000L).setValue(k * 1.5));
            }
            req.addTimeseries(ts);
        }
        return req.build().toByteArray();
    }

    private static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the receiver does with a body: true when accepted, false when refused with a 400. */
    private static boolean receive(byte[] body) {
        try {
            check(body);
            return true;
        } catch (RemoteWriteDecoder.BadPayloadException e) {
            return Fuzz.refused(e);
        }
    }

    private static void check(byte[] body) {
        byte[] raw = RemoteWriteDecoder.uncompress(body, 1 << 20);
        RemoteWriteSplitter.Split split = RemoteWriteSplitter.split(raw, 3, LIMITS);
        List<MetricSeries> decoded = RemoteWriteDecoder.parse(raw, LIMITS);
        if (split != null) {
            assertEquals(decoded.stream().mapToLong(s -> s.samples().size()).sum(), split.samples(),
                    "the splitter and the decoder must agree on " + Fuzz.show(raw));
        }
    }

    @Test
    void editedProtobufBodiesAre400OrAccepted() {
        List<byte[]> seeds = List.of(request(1, 1), request(3, 2), request(5, 4));
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] raw : Fuzz.bytes(31, seeds, Fuzz.INPUTS)) {
            bodies.add(compress(raw));
        }
        int clean = Fuzz.check(bodies, Fuzz::show, RemoteWriteFuzzTest::receive);
        assertTrue(clean >= 500, "many bodies must be accepted: " + clean);
    }

    @Test
    void editedSnappyBlocksAre400OrAccepted() {
        List<byte[]> seeds = List.of(compress(request(1, 1)), compress(request(4, 3)));
        int clean = Fuzz.check(Fuzz.bytes(37, seeds, Fuzz.INPUTS), Fuzz::show, RemoteWriteFuzzTest::receive);
        assertTrue(clean >= 2, "the seeds are accepted: " + clean);
    }
}
