package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final long HOUR = 3_600_000_000_000L;
    private static final Labels OLD = Labels.of("app", "old");
    private static final Labels LIVE = Labels.of("app", "live");

    @TempDir
    Path dir;

    private static LogStoreOptions options() {
        // Tiny segments so that retention can delete whole files.
        return LogStoreOptions.defaults().withRetention(Duration.ofHours(24)).withChunkTargetBytes(500)
                .withSegmentTargetBytes(300).withOutOfOrderWindow(Duration.ofDays(30));
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> f = Files.list(dir)) {
            return f.filter(p -> p.getFileName().toString().startsWith("chunks-")).count();
        }
    }

    @Test
    void chunksOlderThanRetentionAreDeletedWithTheirStreamsAndFiles() throws IOException {
        try (LogStore s = LogStore.open(dir, options())) {
            for (int i = 0; i < 200; i++) {
                s.append(OLD, i * 1000L, "old entry number " + i);
            }
            for (int i = 0; i < 200; i++) {
                s.append(LIVE, 30 * HOUR + i * 1000L, "live entry number " + i);
            }
            s.flush();
            long filesBefore = segmentFiles();
            long deleted = s.enforceRetention(50 * HOUR);
            assertTrue(deleted > 0);
            assertEquals(List.of(LIVE), s.series(List.of(), Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(200, Entries.readAll(s, LIVE).size());
            assertEquals(200, s.stats().entries());
            assertTrue(segmentFiles() < filesBefore, "segments holding only expired chunks are deleted");
        }
        try (LogStore s = LogStore.open(dir, options())) {
            assertEquals(List.of(), Entries.readAll(s, OLD));
            assertEquals(200, Entries.readAll(s, LIVE).size());
        }
    }

    @Test
    void retentionKeepsChunksWithAnyEntryInsideThePeriod() throws IOException {
        try (LogStore s = LogStore.open(dir, options().withChunkMaxAge(Duration.ofHours(48)))) {
            s.append(LIVE, 0, "starts old");
            s.append(LIVE, 25 * HOUR, "ends new");
            s.flush();
            assertEquals(0, s.enforceRetention(48 * HOUR));
            assertEquals(2, Entries.readAll(s, LIVE).size());
            assertEquals(1, s.enforceRetention(49 * HOUR + 1));
            assertEquals(0, s.stats().streams());
        }
    }

    @Test
    void aSizeCapDeletesTheOldestSealedChunksOfEveryStreamUntilTheRestFit() throws IOException {
        try (LogStore s = LogStore.open(dir, options().withRetention(Duration.ofDays(365)))) {
            for (int i = 0; i < 400; i++) {
                s.append(OLD, i * 1000L, "old entry number " + i + " " + Integer.toHexString(i * 7919));
                s.append(LIVE, i * 1000L + 500, "live entry number " + i + " " + Integer.toHexString(i * 104729));
            }
            s.flush();
            long before = s.stats().storedBytes();
            long deleted = s.enforceRetention(400_000L, before / 2);
            assertTrue(deleted > 0);
            assertTrue(s.stats().storedBytes() <= before / 2, s.stats().storedBytes() + " bytes kept of " + before);
            List<Long> oldKept = Entries.readAll(s, OLD).stream().map(Entries::ts).toList();
            List<Long> liveKept = Entries.readAll(s, LIVE).stream().map(Entries::ts).toList();
            assertTrue(!oldKept.isEmpty() && !liveKept.isEmpty(), "both streams keep their newest entries");
            assertEquals(399_000L, oldKept.get(oldKept.size() - 1));
            assertTrue(oldKept.get(0) > 0 && liveKept.get(0) > 0, "the oldest entries of both streams are gone");
            assertEquals(0, s.enforceRetention(400_000L, 0), "no cap: only time retention, which keeps everything here");
        }
    }
}
