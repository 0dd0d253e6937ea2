package dev.vigil.logs.ingest;

import com.google.protobuf.Timestamp;
import dev.vigil.model.LogStream;
import dev.vigil.model.fuzz.Fuzz;
import dev.vigil.model.wire.loki.EntryAdapter;
import dev.vigil.model.wire.loki.LabelPairAdapter;
import dev.vigil.model.wire.loki.PushRequest;
import dev.vigil.model.wire.loki.StreamAdapter;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loki push bodies derived from valid ones by random edits ({@link Fuzz}), JSON and snappy
 * protobuf, go through what the push API runs (decoding and the push limits): only
 * {@link PushDecoder.BadPushException} (a 400) comes out.
 */
class PushFuzzTest {
    private static final PushLimits LIMITS = new PushLimits(1024, false, 15, 1024, 2048);

    /** What the push API does with a body: true when accepted, false when refused with a 400. */
    private static boolean accept(Supplier<List<LogStream>> decode) {
        try {
            decode.get().forEach(LIMITS::check);
            return true;
        } catch (PushDecoder.BadPushException e) {
            return Fuzz.refused(e);
        }
    }

    @Test
    void editedJsonBodiesAre400OrAccepted() {
        List<String> seeds = List.of(
                "{\"streams\":[{\"stream\":{\"job\":\"a\",\"os\":\"windows\"},\"values\":[[\"1700000000000000000\",\"hello\",{\"trace_id\":\"abc\"}]]}]}",
                "{\"streams\":[{\"stream\":{\"app\":\"b\"},\"values\":[[\"1\",\"x\"],[\"2\",\"level=error msg=\\\"y\\\"\"]]},"
                        + "{\"stream\":{\"app\":\"c\"},\"values\":[]}]}");
        List<String> inputs = Fuzz.strings(41, seeds, "{}[]\",:-0123456789 abc\\", List.of("\"streams\"", "\"stream\"",
                "\"values\"", "null", "true", "1e400", "-1", "\"\\u0000\"", "{}", "[]", "\"bad label!\""), Fuzz.INPUTS);
        int clean = Fuzz.check(inputs, Fuzz::show, j -> accept(() -> PushDecoder.json(j.getBytes(StandardCharsets.UTF_8))));
        assertTrue(clean >= 500, "many bodies must be accepted: " + clean);
    }

    private static byte[] push(String labels, int entries) {
        StreamAdapter.Builder s = StreamAdapter.newBuilder().setLabels(labels);
        for (int i = 0; i < entries; i++) {
            s.addEntries(EntryAdapter.newBuilder().setLine("line " + i)
                    .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L + i).setNanos(i))
                    .addStructuredMetadata(LabelPairAdapter.newBuilder().setName("trace_id").setValue("t" + i)));
        }
        return PushRequest.newBuilder().addStreams(s).build().toByteArray();
    }

    @Test
    void editedProtobufBodiesAre400OrAccepted() {
        List<byte[]> seeds = List.of(push("{job=\"a\"}", 1), push("{job=\"b\", host=\"win-1\"}", 3));
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] raw : Fuzz.bytes(43, seeds, Fuzz.INPUTS / 2)) {
            try {
                bodies.add(Snappy.compress(raw));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        bodies.addAll(Fuzz.bytes(47, List.of(bodies.get(0), bodies.get(1)), Fuzz.INPUTS / 2)); // edits of the snappy block
        int clean = Fuzz.check(bodies, Fuzz::show, b -> accept(() -> PushDecoder.protobuf(b, 1 << 20)));
        assertTrue(clean >= 500, "many bodies must be accepted: " + clean);
    }
}
