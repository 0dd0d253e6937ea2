package dev.vigil.collector.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {
    @TempDir
    Path dir;

    private static SpoolRecord rec(int i) {
        return new SpoolRecord(i % 2 == 0 ? "vigil.metrics" : "vigil.logs", ("k" + i).getBytes(StandardCharsets.UTF_8),
                ("value-" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static List<SpoolRecord> recs(int from, int to) {
        return IntStream.range(from, to).mapToObj(DiskSpoolTest::rec).toList();
    }

    private static List<SpoolRecord> drainAll(DiskSpool spool, int batch) throws Exception {
        List<SpoolRecord> out = new ArrayList<>();
        while (spool.drainOnce(batch, out::addAll) > 0) {
            // keep draining
        }
        return out;
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void drainsOldestFirstAcrossSegments() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 200)) {
            assertEquals(20, spool.appendAll(recs(0, 20)));
            assertEquals(20, spool.size());
            assertTrue(Files.list(dir).filter(p -> p.toString().endsWith(".seg")).count() > 3, "records span several segments");
            assertEquals(recs(0, 20), drainAll(spool, 7));
            assertEquals(0, spool.size());
            assertEquals(0, spool.droppedRecords());
        }
    }

    @Test
    void failedSendKeepsRecordsForNextDrain() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 500)) {
            spool.appendAll(recs(0, 5));
            IllegalStateException down = new IllegalStateException("broker unreachable");
            assertEquals(down, assertThrows(IllegalStateException.class, () -> spool.drainOnce(3, b -> {
                throw down;
            })));
            assertEquals(5, spool.size());
            assertEquals(recs(0, 5), drainAll(spool, 3));
        }
    }

    @Test
    void fullSpoolDropsOldestSegmentsAndCountsThem() throws Exception {
        int n = 200;
        try (DiskSpool spool = DiskSpool.open(dir, 2_000, 400)) {
            for (SpoolRecord r : recs(0, n)) {
                spool.append(r);
                assertTrue(spool.sizeBytes() <= 2_000, "spool grew to " + spool.sizeBytes());
            }
            long kept = spool.size();
            assertTrue(kept > 0 && kept < n);
            assertEquals(n - kept, spool.droppedRecords());
            assertTrue(spool.droppedBytes() > 0);
            assertEquals(recs((int) (n - kept), n), drainAll(spool, 50), "the newest records survive, in order");
        }
    }

    @Test
    void recordLargerThanSpoolIsDroppedAlone() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000, 500)) {
            assertFalse(spool.append(new SpoolRecord("vigil.logs", new byte[0], new byte[2_000])));
            assertTrue(spool.append(rec(1)));
            assertEquals(1, spool.droppedRecords());
            assertEquals(List.of(rec(1)), drainAll(spool, 10));
        }
    }

    @Test
    void restartResumesAfterLastDeliveredBatch() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 300)) {
            spool.appendAll(recs(0, 10));
            assertEquals(4, spool.drainOnce(4, b -> { }));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 300)) {
            assertEquals(6, spool.size());
            spool.append(rec(10));
            assertEquals(recs(4, 11), drainAll(spool, 3));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 300)) {
            assertEquals(0, spool.size());
        }
    }

    @Test
    void tornTailFromCrashIsCutOff() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 10_000)) {
            spool.appendAll(recs(0, 5));
        }
        Path seg = lastSegment();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3); // the last record lost its final bytes
        }
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 10_000)) {
            assertEquals(4, spool.size());
            spool.append(rec(99));
            assertEquals(List.of(rec(0), rec(1), rec(2), rec(3), rec(99)), drainAll(spool, 10));
        }
    }

    @Test
    void checksumMismatchEndsTheReadableData() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 10_000)) {
            spool.appendAll(recs(0, 5));
        }
        Path seg = lastSegment();
        int third = 8 + rec(0).framedSize() + rec(1).framedSize();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, third + 12);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            ch.write(b, third + 12);
        }
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 10_000)) {
            assertEquals(List.of(rec(0), rec(1)), drainAll(spool, 10));
        }
    }

    @Test
    void appendsWhileBatchIsInFlightAndGivesSpaceBackWhenEmpty() throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, 100_000, 300)) {
            spool.appendAll(recs(0, 3));
            long empty = 8;
            assertEquals(3, spool.drainOnce(10, batch -> spool.append(rec(3))));
            assertEquals(List.of(rec(3)), drainAll(spool, 10));
            assertEquals(empty, spool.sizeBytes());
        }
    }
}
