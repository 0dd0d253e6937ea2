package dev.vigil.logstore.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripKeepsTimestampsLinesAndMetadata() {
        long[] ts = {-5, 0, 0, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_007L};
        String[] text = {"first", "", "same timestamp", "ünïcödé ✓ 日本", "last line\nwith newline"};
        byte[][] lines = new byte[text.length][];
        for (int i = 0; i < text.length; i++) {
            lines[i] = utf8(text[i]);
        }
        Labels[] meta = {Labels.EMPTY, Labels.of("trace_id", "abc"), null, Labels.EMPTY, Labels.of("a", "1", "b", "2")};
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, ts, lines, meta, ts.length);
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            byte[] c = ChunkCodec.compress(ctx, sink.array(), sink.size());
            DecodedChunk d = ChunkCodec.decode(c, 0, c.length, sink.size(), null);
            assertEquals(ts.length, d.size());
            for (int i = 0; i < ts.length; i++) {
                assertEquals(ts[i], d.timestamp(i));
                assertEquals(text[i], d.line(i));
                assertEquals(meta[i] == null ? Labels.EMPTY : meta[i], d.metadata(i));
            }
        }
    }

    @Test
    void chunkWithoutMetadataDecodesEmptyMetadata() {
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, new long[] {1, 2}, new byte[][] {utf8("a"), utf8("b")},
                new Labels[] {Labels.EMPTY, Labels.EMPTY}, 2);
        DecodedChunk d = ChunkCodec.decodePayload(sink.array(), sink.size());
        assertEquals(Labels.EMPTY, d.metadata(1));
        assertEquals("b", d.line(1));
    }

    @Test
    void lowerBoundAndEntryAtLocateEntries() {
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, new long[] {10, 20, 20, 30}, new byte[][] {utf8("aa"), utf8(""), utf8("cc"), utf8("dd")},
                new Labels[4], 4);
        DecodedChunk d = ChunkCodec.decodePayload(sink.array(), sink.size());
        assertEquals(0, d.lowerBound(5));
        assertEquals(1, d.lowerBound(20));
        assertEquals(3, d.lowerBound(21));
        assertEquals(4, d.lowerBound(31));
        assertEquals(2, d.entryAt(d.lineStart(2)));
        assertEquals(3, d.entryAt(d.lineStart(3) + 1));
    }

    @Test
    void unsortedEntriesAreRefused() {
        ByteSink sink = new ByteSink(64);
        assertThrows(IllegalArgumentException.class, () -> ChunkCodec.encodePayload(sink, new long[] {2, 1},
                new byte[][] {utf8("a"), utf8("b")}, new Labels[2], 2));
    }

    @Test
    void damagedChunkIsReportedAsCorrupt() {
        ByteSink sink = new ByteSink(64);
        ChunkCodec.encodePayload(sink, new long[] {1, 2}, new byte[][] {utf8("hello"), utf8("world")}, new Labels[2], 2);
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            byte[] c = ChunkCodec.compress(ctx, sink.array(), sink.size());
            assertThrows(CorruptDataException.class, () -> ChunkCodec.decode(c, 0, c.length - 3, sink.size(), null));
            assertThrows(CorruptDataException.class, () -> ChunkCodec.decodePayload(sink.array(), sink.size() - 1));
        }
    }
}
