package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkCuttingTest {
    private static final Labels S = Labels.of("app", "api");
    private static final long MIN = 60_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void chunksAreCutWhenTheyReachTheTargetSize() throws IOException {
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults().withChunkTargetBytes(1000))) {
            String line = "x".repeat(99);
            for (int i = 0; i < 10; i++) {
                s.append(S, i, line);
            }
            assertEquals(0, s.stats().chunks(), "990 raw bytes stay open");
            s.append(S, 10, line);
            assertEquals(1, s.stats().chunks());
            assertEquals(1089, s.stats().sealedRawBytes());
            for (int i = 11; i < 55; i++) {
                s.append(S, i, line);
            }
            assertEquals(5, s.stats().chunks());
            assertEquals(55, Entries.readAll(s, S).size());
        }
    }

    @Test
    void chunksAreCutWhenTheirEntriesSpanTheMaximumAge() throws IOException {
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults().withChunkMaxAge(Duration.ofMinutes(10)))) {
            s.append(S, 0, "a");
            s.append(S, 9 * MIN, "b");
            assertEquals(0, s.stats().chunks());
            s.append(S, 10 * MIN, "c");
            assertEquals(1, s.stats().chunks());
            assertEquals(2, s.stats().sealedRawBytes(), "a and b sealed, c opens the next chunk");
            assertEquals(3, Entries.readAll(s, S).size());
        }
    }

    @Test
    void idleOpenChunksAreSealedByRetentionOnceOlderThanTheMaximumAge() throws IOException {
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults().withChunkMaxAge(Duration.ofMinutes(10)))) {
            s.append(S, 0, "idle");
            s.enforceRetention(5 * MIN);
            assertEquals(0, s.stats().chunks());
            s.enforceRetention(11 * MIN);
            assertEquals(1, s.stats().chunks());
            assertTrue(s.stats().storedBytes() > 0);
        }
    }
}
