package dev.vigil.logstore.chunk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkFingerprintsTest {

    private static long hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return LineHash.of(b, 0, b.length);
    }

    @Test
    void findsEntriesByTimestampAndLineOnly() {
        String[] lines = {"alpha", "beta", "gamma", "a line longer than eight bytes"};
        long[] ts = {10, 20, 20, 30};
        byte[][] bytes = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            bytes[i] = lines[i].getBytes(StandardCharsets.UTF_8);
        }
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, ts, bytes, new Labels[lines.length], lines.length);
        ChunkFingerprints f = ChunkFingerprints.of(ChunkCodec.decodePayload(sink.array(), sink.size()));
        assertTrue(f.contains(10, hash("alpha")));
        assertTrue(f.contains(20, hash("beta")));
        assertTrue(f.contains(20, hash("gamma")));
        assertTrue(f.contains(30, hash("a line longer than eight bytes")));
        assertFalse(f.contains(20, hash("alpha")), "same line at another timestamp");
        assertFalse(f.contains(10, hash("alpha ")));
        assertFalse(f.contains(25, hash("beta")));
    }

    @Test
    void hashDependsOnEveryByteAndTheLength() {
        assertNotEquals(hash("abcdefgh1"), hash("abcdefgh2"));
        assertNotEquals(hash("1abcdefgh"), hash("2abcdefgh"));
        assertNotEquals(hash(""), hash("\0"));
        assertNotEquals(hash("\0"), hash("\0\0"));
    }
}
