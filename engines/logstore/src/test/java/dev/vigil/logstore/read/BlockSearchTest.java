package dev.vigil.logstore.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.ChunkCodec;
import dev.vigil.logstore.chunk.DecodedChunk;
import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockSearchTest {

    private static DecodedChunk chunk(String... lines) {
        byte[][] b = new byte[lines.length][];
        long[] ts = new long[lines.length];
        for (int i = 0; i < lines.length; i++) {
            b[i] = lines[i].getBytes(StandardCharsets.UTF_8);
            ts[i] = i;
        }
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, ts, b, new Labels[lines.length], lines.length);
        return ChunkCodec.decodePayload(sink.array(), sink.size());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsEachMatchingLineOnceAndIgnoresMatchesAcrossLines() {
        DecodedChunk c = chunk("needle needle", "nee", "dle", "", "xneedle", "nope", "needle");
        assertArrayEquals(new int[] {0, 4, 6}, BlockSearch.find(c, 0, 7, utf8("needle")));
    }

    @Test
    void searchesOnlyTheGivenEntryRange() {
        DecodedChunk c = chunk("needle", "needle", "needle", "needle");
        assertArrayEquals(new int[] {1, 2}, BlockSearch.find(c, 1, 3, utf8("needle")));
        assertArrayEquals(new int[] {}, BlockSearch.find(c, 2, 2, utf8("needle")));
    }

    @Test
    void multiByteNeedlesMatchTheirExactBytes() {
        DecodedChunk c = chunk("Grüße aus Köln", "Gruesse", "ß", "日本語のログ", "本");
        assertArrayEquals(new int[] {0, 2}, BlockSearch.find(c, 0, 5, utf8("ß")));
        assertArrayEquals(new int[] {3, 4}, BlockSearch.find(c, 0, 5, utf8("本")));
    }

    @Test
    void longNeedlesUseTheSkipSearchWithTheSameLineRules() {
        String needle = "Connection is not available";
        DecodedChunk c = chunk("HikariPool-1 - Connection is not available, request timed out", "Connection is not",
                " available", "ok", "Connection is not available; Connection is not available");
        assertArrayEquals(new int[] {0, 4}, BlockSearch.find(c, 0, 5, utf8(needle)));
        assertArrayEquals(new int[] {4}, BlockSearch.find(c, 1, 5, utf8(needle)));
    }
}
