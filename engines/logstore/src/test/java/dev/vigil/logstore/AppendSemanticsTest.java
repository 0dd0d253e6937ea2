package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendSemanticsTest {
    private static final Labels S = Labels.of("app", "api");
    private static final long SEC = 1_000_000_000L;

    @TempDir
    Path dir;

    private LogStore open(long chunkBytes) throws IOException {
        return LogStore.open(dir, LogStoreOptions.defaults().withChunkTargetBytes(chunkBytes)
                .withOutOfOrderWindow(Duration.ofSeconds(60)));
    }

    @Test
    void exactDuplicatesAreDroppedButDifferentLinesAtOneTimestampAreKept() throws IOException {
        try (LogStore s = open(1 << 20)) {
            assertEquals(AppendResult.APPENDED, s.append(S, 10, "a"));
            assertEquals(AppendResult.APPENDED, s.append(S, 10, "b"));
            assertEquals(AppendResult.DUPLICATE, s.append(S, 10, "a"));
            assertEquals(AppendResult.APPENDED, s.append(S, 11, "a"));
            assertEquals(AppendResult.APPENDED, s.append(Labels.of("app", "other"), 10, "a"));
            assertEquals(List.of(Entries.of(10, "a"), Entries.of(10, "b"), Entries.of(11, "a")), Entries.readAll(s, S));
            assertEquals(1, s.stats().duplicates());
        }
    }

    @Test
    void duplicatesOfSealedEntriesAreDropped() throws IOException {
        try (LogStore s = open(1 << 20)) {
            s.append(S, 10, "sealed");
            s.flush();
            s.append(S, 20, "open");
            assertEquals(AppendResult.DUPLICATE, s.append(S, 10, "sealed"));
            assertEquals(AppendResult.DUPLICATE, s.append(S, 20, "open"));
            assertEquals(2, s.stats().entries());
        }
    }

    @Test
    void outOfOrderEntriesWithinTheWindowAreMergedIntoSortedReads() throws IOException {
        try (LogStore s = open(100)) {
            Random rnd = new Random(7);
            List<Entries> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                // Entries up to 50 s late against a 60 s window: all accepted.
                long ts = 100 * SEC + i * SEC - (rnd.nextInt(4) == 0 ? rnd.nextInt(50) * SEC : 0);
                String line = "entry " + i;
                assertEquals(AppendResult.APPENDED, s.append(S, ts, line), line);
                sent.add(Entries.of(ts, line));
            }
            // Equal timestamps keep append order: sort is stable.
            List<Entries> want = new ArrayList<>(sent);
            want.sort(Comparator.comparingLong(Entries::ts));
            assertEquals(want, Entries.readAll(s, S));
            List<Entries> back = Entries.read(s, S, Long.MIN_VALUE, Long.MAX_VALUE, Direction.BACKWARD);
            List<Entries> wantBack = new ArrayList<>(want);
            java.util.Collections.reverse(wantBack);
            assertEquals(wantBack, back);
            long from = 200 * SEC;
            long to = 300 * SEC;
            assertEquals(want.stream().filter(e -> e.ts() >= from && e.ts() < to).toList(),
                    Entries.read(s, S, from, to, Direction.FORWARD));
        }
    }

    @Test
    void entriesOlderThanTheWindowAreRejected() throws IOException {
        try (LogStore s = open(1 << 20)) {
            s.append(S, 1000 * SEC, "newest");
            assertEquals(AppendResult.APPENDED, s.append(S, 940 * SEC, "exactly at the window edge"));
            assertEquals(AppendResult.TOO_OLD, s.append(S, 939 * SEC, "too late"));
            assertEquals(AppendResult.APPENDED, s.append(Labels.of("app", "new"), 1, "other streams have their own window"));
            assertEquals(1, s.stats().rejectedTooOld());
            assertEquals(2, Entries.readAll(s, S).size());
        }
    }

    @Test
    void replayingTheSameBatchTwiceChangesNothing() throws IOException {
        try (LogStore s = open(300)) {
            List<Entries> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(Entries.of(SEC * (i / 3), "line " + (i % 5)));
            }
            for (Entries e : batch) {
                s.append(S, e.ts(), e.line());
            }
            List<Entries> first = Entries.readAll(s, S);
            StoreStats before = s.stats();
            for (Entries e : batch) {
                assertEquals(AppendResult.DUPLICATE, s.append(S, e.ts(), e.line()));
            }
            StoreStats after = s.stats();
            assertEquals(first, Entries.readAll(s, S));
            assertEquals(before.entries(), after.entries());
            assertEquals(before.rawBytes(), after.rawBytes());
            assertEquals(batch.size(), after.duplicates() - before.duplicates());
        }
    }
}
