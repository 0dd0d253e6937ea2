package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    private static final Labels A = Labels.of("app", "a", "namespace", "prod");
    private static final Labels B = Labels.of("app", "b", "namespace", "dev");

    @TempDir
    Path dir;

    private static LogStoreOptions options() {
        return LogStoreOptions.defaults().withChunkTargetBytes(2000);
    }

    /** Entries for two streams; A gets several sealed chunks, B stays in its open chunk. */
    private static void write(LogStore s, int from, int to) {
        for (int i = from; i < to; i++) {
            Labels meta = i % 7 == 0 ? Labels.of("trace_id", "t" + i) : Labels.EMPTY;
            assertTrue(s.append(A, 1_000L * i, "GET /api/items/" + i + " 200 " + (i * 37 % 1000) + "ms", meta).stored());
            if (i % 10 == 0) {
                assertTrue(s.append(B, 1_000L * i, "batch step " + i).stored());
            }
        }
    }

    private record Snapshot(List<Entries> a, List<Entries> b, long entries, long chunks, long raw) {
    }

    private static Snapshot snapshot(LogStore s) {
        StoreStats st = s.stats();
        return new Snapshot(Entries.readAll(s, A), Entries.readAll(s, B), st.entries(), st.chunks(), st.rawBytes());
    }

    private List<Path> files(Path d, String prefix) throws IOException {
        try (Stream<Path> f = Files.list(d)) {
            return f.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void reopeningGivesIdenticalReads() throws IOException {
        Snapshot before;
        try (LogStore s = LogStore.open(dir, options())) {
            write(s, 0, 300);
            s.commit();
            before = snapshot(s);
        }
        assertTrue(before.chunks() > 2);
        try (LogStore s = LogStore.open(dir, options())) {
            assertEquals(before, snapshot(s));
            write(s, 0, 300);
            assertEquals(before, snapshot(s), "replaying after recovery adds nothing");
            write(s, 300, 310);
            s.commit();
        }
        try (LogStore s = LogStore.open(dir, options())) {
            assertEquals(310, snapshot(s).a().size());
        }
    }

    @Test
    void uncommittedTailIsLostAndCommittedDataIsKept(@TempDir Path crashed) throws IOException {
        Snapshot committed;
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults())) {
            write(s, 0, 100);
            s.commit();
            committed = snapshot(s);
            write(s, 100, 120);
            // What a kill -9 leaves: the files as the operating system has them right now.
            copyDirectory(dir, crashed);
        }
        try (LogStore s = LogStore.open(crashed, LogStoreOptions.defaults())) {
            assertEquals(committed, snapshot(s));
        }
    }

    @Test
    void tornTailsOfTheLogAndTheSegmentsAreIgnored() throws IOException {
        Snapshot before;
        try (LogStore s = LogStore.open(dir, options())) {
            write(s, 0, 300);
            s.commit();
            before = snapshot(s);
        }
        for (Path p : files(dir, "wal-")) {
            appendBytes(p, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6});
        }
        for (Path p : files(dir, "chunks-")) {
            appendBytes(p, new byte[] {0, 0, 1, 0, 9, 9, 9, 9, 1});
        }
        try (LogStore s = LogStore.open(dir, options())) {
            assertEquals(before, snapshot(s));
            write(s, 300, 400);
            s.commit();
        }
        try (LogStore s = LogStore.open(dir, options())) {
            assertEquals(400, snapshot(s).a().size(), "appends after a torn tail are readable later");
        }
    }

    @Test
    void recordWithABadChecksumEndsRecoveryOfItsFile() throws IOException {
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults())) {
            s.append(A, 1, "first");
            s.append(A, 2, "second");
            s.commit();
        }
        Path wal = files(dir, "wal-").get(0);
        long size = Files.size(wal);
        flipByte(wal, size - 3);
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults())) {
            assertEquals(List.of(Entries.of(1, "first")), Entries.readAll(s, A));
        }
    }

    @Test
    void truncatedChunkSegmentFallsBackToTheLog() throws IOException {
        Snapshot before;
        try (LogStore s = LogStore.open(dir, options())) {
            write(s, 0, 300);
            s.commit();
            before = snapshot(s);
        }
        Path seg = files(dir, "chunks-").get(0);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }
        try (LogStore s = LogStore.open(dir, options())) {
            Snapshot after = snapshot(s);
            assertEquals(before.a(), after.a(), "the last chunk's entries come back from the write-ahead log");
            assertEquals(before.b(), after.b());
            assertEquals(before.entries(), after.entries());
        }
    }

    @Test
    void checkpointsKeepTheLogSmallAndLoseNothing() throws IOException {
        LogStoreOptions small = options().withWalCheckpointBytes(4096);
        Snapshot before;
        try (LogStore s = LogStore.open(dir, small)) {
            for (int i = 0; i < 10; i++) {
                write(s, i * 50, i * 50 + 50);
                s.commit();
            }
            before = snapshot(s);
            assertEquals(1, files(dir, "wal-").size());
            assertTrue(Files.size(files(dir, "wal-").get(0)) < 20_000, "log holds only the open chunks");
        }
        try (LogStore s = LogStore.open(dir, small)) {
            assertEquals(before, snapshot(s));
        }
    }

    private static void appendBytes(Path p, byte[] b) throws IOException {
        Files.write(p, b, StandardOpenOption.APPEND);
    }

    private static void flipByte(Path p, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x55));
            b.rewind();
            ch.write(b, at);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> f = Files.list(from)) {
            f.forEach(files::add);
        }
        for (Path p : files) {
            Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
