package dev.vigil.logstore.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.vigil.logstore.Direction;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.ChunkCodec;
import dev.vigil.logstore.chunk.CorruptDataException;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.logstore.storage.ChunkSegments;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunks decoded ahead on scan workers: same order, early stops, errors where the reader needs the chunk. */
class ParallelScanTest {
    private static final Labels STREAM = Labels.of("app", "api");
    private static final int PER_CHUNK = 10;

    @TempDir
    Path dir;

    private ChunkSegments segments;
    private final ZstdCompressCtx zstd = new ZstdCompressCtx();
    private final List<ScanPool> pools = new ArrayList<>();

    private record Entry(long ts, String line) {
    }

    @BeforeEach
    void openSegments() throws IOException {
        segments = ChunkSegments.open(dir, 1 << 20, (l, c) -> {
        });
    }

    @AfterEach
    void close() throws IOException {
        pools.forEach(ScanPool::close);
        segments.close();
        zstd.close();
    }

    private ScanPool pool(int threads) {
        ScanPool p = new ScanPool(threads);
        pools.add(p);
        return p;
    }

    /** A chunk of PER_CHUNK entries at {@code firstTs + step * i}; every third line holds "needle". */
    private ChunkRef chunk(int id, long firstTs, long step, List<Entry> all) throws IOException {
        long[] ts = new long[PER_CHUNK];
        byte[][] lines = new byte[PER_CHUNK][];
        for (int i = 0; i < PER_CHUNK; i++) {
            ts[i] = firstTs + step * i;
            String line = "chunk " + id + " entry " + i + (i % 3 == 0 ? " a needle in a haystack of log lines" : "");
            lines[i] = line.getBytes(StandardCharsets.UTF_8);
            all.add(new Entry(ts[i], line));
        }
        ByteSink sink = new ByteSink(256);
        ChunkCodec.encodePayload(sink, ts, lines, new Labels[PER_CHUNK], PER_CHUNK);
        byte[] frame = ChunkCodec.compress(zstd, sink.array(), sink.size());
        return segments.write(STREAM, frame, sink.size(), ts[0], ts[PER_CHUNK - 1], PER_CHUNK, sink.size(), id);
    }

    /** A chunk whose frame is not zstd: decoding it throws. */
    private ChunkRef corruptChunk(long firstTs) throws IOException {
        byte[] garbage = "this is not a zstd frame".getBytes(StandardCharsets.UTF_8);
        return segments.write(STREAM, garbage, 500, firstTs, firstTs + PER_CHUNK - 1, PER_CHUNK, 500, 0);
    }

    /** {@code n} chunks one after another in time. */
    private List<ChunkRef> sequential(int n, List<Entry> all) throws IOException {
        List<ChunkRef> refs = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            refs.add(chunk(c, 1000L + 100L * c, 1, all));
        }
        return refs;
    }

    /** Pairs of chunks that interleave in time, as out-of-order arrival leaves them. */
    private List<ChunkRef> interleaved(int pairs, List<Entry> all) throws IOException {
        List<ChunkRef> refs = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            long base = 1000L + 100L * p;
            refs.add(chunk(2 * p, base, 2, all));
            refs.add(chunk(2 * p + 1, base + 1, 2, all));
        }
        return refs;
    }

    private static List<Entry> drain(EntryCursor c) {
        List<Entry> out = new ArrayList<>();
        while (c.next()) {
            out.add(new Entry(c.timestampNanos(), c.line()));
        }
        return out;
    }

    private static List<Entry> expected(List<Entry> all, Direction d, String needle) {
        Comparator<Entry> byTs = Comparator.comparingLong(Entry::ts);
        return all.stream().filter(e -> e.line().contains(needle))
                .sorted(d == Direction.FORWARD ? byTs : byTs.reversed()).toList();
    }

    static Stream<Arguments> layouts() {
        List<Arguments> out = new ArrayList<>();
        for (int threads : new int[] {1, 2, 4}) {
            for (Direction d : Direction.values()) {
                for (String needle : new String[] {"", "needle", "a needle in a haystack"}) {
                    for (boolean interleaved : new boolean[] {false, true}) {
                        out.add(Arguments.of(threads, d, needle, interleaved));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} threads, {1}, needle \"{2}\", interleaved {3}")
    @MethodSource("layouts")
    void entriesComeInTheSameOrderWithAnyNumberOfScanThreads(int threads, Direction d, String needle,
                                                             boolean interleaved) throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = interleaved ? interleaved(15, all) : sequential(30, all);
        LineFilter filter = needle.isEmpty() ? LineFilter.ACCEPT_ALL : LineFilter.contains(needle);
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE, d, filter,
                pool(threads))) {
            assertEquals(expected(all, d, needle), drain(c));
        }
    }

    @Test
    void aReadThatStopsEarlyHandsNoMoreThanItsLookAheadToTheWorkers() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = sequential(40, all);
        ScanPool pool = pool(2);
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.FORWARD, LineFilter.ACCEPT_ALL, pool)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(c.next());
                assertEquals(all.get(i).line(), c.line());
            }
        }
        assertEquals(pool.ahead(), pool.submitted(), "chunks handed to workers for a read of 3 entries out of 40 chunks");
    }

    @Test
    void theLookAheadMovesWithTheReader() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = sequential(40, all);
        ScanPool pool = pool(2);
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.BACKWARD, LineFilter.ACCEPT_ALL, pool)) {
            for (int i = 0; i < 5 * PER_CHUNK; i++) {
                assertTrue(c.next());
            }
        }
        // Reading into the fifth chunk opened chunks 0..4; each opening looked two chunks further.
        assertEquals(4 + pool.ahead(), pool.submitted());
    }

    @Test
    void aCorruptChunkFailsTheReadWhenItIsReachedAfterTheEntriesBeforeIt() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = new ArrayList<>(sequential(5, all));
        refs.add(corruptChunk(1000L + 100L * 5));
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.FORWARD, LineFilter.ACCEPT_ALL, pool(2))) {
            for (Entry e : all) {
                assertTrue(c.next());
                assertEquals(e, new Entry(c.timestampNanos(), c.line()));
            }
            assertThrows(CorruptDataException.class, c::next);
        }
    }

    @Test
    void aCorruptChunkDecodedAheadIsNotReportedToAReadThatStopsBeforeIt() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = new ArrayList<>(sequential(1, all));
        refs.add(corruptChunk(1000L + 100L));
        ScanPool pool = pool(2);
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.FORWARD, LineFilter.ACCEPT_ALL, pool)) {
            for (int i = 0; i < PER_CHUNK - 1; i++) {
                assertTrue(c.next());
            }
            assertEquals(all.get(PER_CHUNK - 2).line(), c.line());
        }
        assertEquals(1, pool.submitted(), "the corrupt chunk was decoded ahead");
    }

    @Test
    void aClosedCursorReturnsNoMoreEntries() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = sequential(10, all);
        EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.FORWARD, LineFilter.ACCEPT_ALL, pool(2));
        assertTrue(c.next());
        c.close();
        assertFalse(c.next());
    }

    @Test
    void readsCompleteOnTheReadersThreadAfterThePoolIsClosed() throws IOException {
        List<Entry> all = new ArrayList<>();
        List<ChunkRef> refs = sequential(10, all);
        ScanPool pool = pool(2);
        pool.close();
        try (EntryCursor c = MergeCursor.of(refs, HeadSnapshot.EMPTY, Long.MIN_VALUE, Long.MAX_VALUE,
                Direction.FORWARD, LineFilter.ACCEPT_ALL, pool)) {
            assertEquals(all, drain(c));
        }
    }

    @Test
    void aPoolNeedsAtLeastOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScanPool(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
