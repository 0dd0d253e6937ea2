package dev.vigil.tsdb;

import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.tsdb.TsdbFixtures.S;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsdbPersistenceTest {
    private static final TsdbOptions OPTIONS = TsdbOptions.DEFAULTS.withChunkTargetSamples(8)
            .withOutOfOrderWindow(Duration.ofMinutes(10)).withSegmentTargetBytes(2048);

    @TempDir
    Path dir;

    /** 20 series, 50 samples each at 15 s, some late ones, stale markers: closed chunks, heads and buffers. */
    private static void fill(Tsdb db, long from, int samples) {
        for (int i = 0; i < samples; i++) {
            for (int s = 0; s < 20; s++) {
                Labels l = Labels.of("__name__", "m" + (s % 3), "idx", Integer.toString(s));
                double v = s % 5 == 0 && i == samples - 1 ? StaleNaN.VALUE : s * 1000 + i * 1.5;
                db.append(l, from + i * 15_000L, v);
            }
        }
        for (int s = 0; s < 20; s += 4) {
            db.append(Labels.of("__name__", "m" + (s % 3), "idx", Integer.toString(s)), from + (samples - 3) * 15_000L + 5_000, -s);
        }
    }

    @Test
    void committedDataReadsTheSameAfterReopen() throws IOException {
        Map<String, List<S>> before;
        TsdbStats statsBefore;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 50);
            db.commit();
            before = dumpAll(db);
            statsBefore = db.stats();
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(before, dumpAll(db));
            assertEquals(statsBefore.series(), db.stats().series());
            assertEquals(statsBefore.rawSamples(), db.stats().rawSamples());
            assertEquals(0, db.stats().damagedRecordsSkipped());
            // and it keeps working: appends continue the restored heads
            fill(db, T0 + 50 * 15_000L, 10);
            db.commit();
            before = dumpAll(db);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(before, dumpAll(db));
        }
    }

    @Test
    void aClosedChunkOfDecimalsIsStoredInTheDecimalEncodingAndReadsBackAfterReopen() throws IOException {
        Labels gauge = Labels.of("__name__", "memory_limit_bytes");
        Map<String, List<S>> before;
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            for (int i = 0; i < 120; i++) {
                db.append(gauge, T0 + i * 15_000L, 512);
            }
            db.commit();
            // frame: varint length 1 + CRC 4; record: series id 1 + kind 1 + varint span (1,785,000 ms) 3;
            // decimal chunk 15 bytes (DecimalChunkTest), where the Gorilla chunk takes 51 (XorChunkTest)
            assertEquals(1 + 4 + 1 + 1 + 3 + 15, db.stats().diskChunkBytes());
            before = dumpAll(db);
            assertEquals(120, before.get(gauge.toString()).size());
        }
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            assertEquals(before, dumpAll(db));
            assertEquals(1 + 4 + 1 + 1 + 3 + 15, db.stats().diskChunkBytes());
        }
    }

    @Test
    void uncommittedAppendsAreLostAndCommittedOnesKept() throws IOException {
        Map<String, List<S>> committed;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 30);
            db.commit();
            committed = dumpAll(db);
            fill(db, T0 + 30 * 15_000L, 30);
            db.append(Labels.of("__name__", "new_series"), T0, 1);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(committed, dumpAll(db));
            // replaying from the committed offset restores the lost part exactly once
            fill(db, T0 + 30 * 15_000L, 30);
            fill(db, T0 + 30 * 15_000L, 30);
            assertEquals(20 * 60 + 5 * 2, db.stats().rawSamples());
        }
    }

    @Test
    void tornTailOfTheActiveSegmentIsIgnored() throws IOException {
        Map<String, List<S>> committed;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 30);
            db.commit();
            committed = dumpAll(db);
        }
        Path last = segments().reduce((a, b) -> b).orElseThrow();
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // half a record header and garbage, as a crash in the middle of a write leaves
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 42, 17, 99}));
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(committed, dumpAll(db));
            fill(db, T0 + 30 * 15_000L, 20);
            db.commit();
            committed = dumpAll(db);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(committed, dumpAll(db));
        }
    }

    @Test
    void damagedCommittedTailLosesOnlyTheDamagedChunksAndIsCounted() throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 30);
            db.commit();
        }
        Path last = segments().reduce((a, b) -> b).orElseThrow();
        long size = Files.size(last);
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(1, db.stats().damagedRecordsSkipped());
            assertTrue(db.stats().rawSamples() < 20 * 30 + 5 && db.stats().rawSamples() > 20 * 20,
                    "only the last chunk is lost: " + db.stats().rawSamples());
            assertEquals(20, db.stats().series());
        }
    }

    @Test
    void damagedNewestCheckpointFallsBackToThePreviousCommit() throws IOException {
        Map<String, List<S>> first;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 20);
            db.commit();
            first = dumpAll(db);
            fill(db, T0 + 20 * 15_000L, 20);
            db.commit();
        }
        Path newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(first, dumpAll(db));
            assertEquals(1, db.stats().damagedRecordsSkipped());
        }
    }

    @Test
    void leftoverTemporaryCheckpointIsIgnored() throws IOException {
        Map<String, List<S>> committed;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 20);
            db.commit();
            committed = dumpAll(db);
        }
        Files.write(dir.resolve("checkpoint-00000000000000000099.tmp"), new byte[] {1, 2, 3});
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(committed, dumpAll(db));
        }
    }

    @Test
    void storeWithoutAnyIntactCheckpointRefusesToOpen() throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db, T0, 5);
            db.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).toList()) {
                Files.write(p, new byte[] {0});
            }
        }
        IOException e = assertThrows(IOException.class, () -> Tsdb.open(dir, OPTIONS));
        assertTrue(e.getMessage().startsWith("no intact checkpoint among 1 in "), e.getMessage());
    }

    @Test
    void secondStoreOnTheSameDirectoryIsRefused() throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            IOException e = assertThrows(IOException.class, () -> Tsdb.open(dir, OPTIONS));
            assertEquals("TSDB directory " + dir + " is already open by another store", e.getMessage());
        }
    }

    private Stream<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList().stream();
        }
    }
}
