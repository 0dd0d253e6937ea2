package dev.vigil.tsdb;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.tsdb.TsdbFixtures.S;
import dev.vigil.tsdb.head.SeriesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsdbRetentionTest {
    private static final long HOUR = 3_600_000L;
    private static final TsdbOptions OPTIONS = TsdbOptions.DEFAULTS.withRetention(Duration.ofHours(1))
            .withChunkTargetSamples(8).withSegmentTargetBytes(1024);
    private static final Labels LIVE = Labels.of("__name__", "live");
    private static final Labels GONE = Labels.of("__name__", "gone");

    @TempDir
    Path dir;

    @Test
    void aSeriesRefOutlivesItsSeriesBeingDroppedAndRecreated() throws IOException {
        SeriesRef gone = new SeriesRef(GONE);
        SeriesRef live = new SeriesRef(LIVE);
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(AppendResult.APPENDED, db.append(gone, T0, 1));
            assertEquals(AppendResult.DUPLICATE, db.append(gone, T0, 1), "the ref finds the series it created");
            assertEquals(AppendResult.DUPLICATE, db.append(GONE, T0, 1), "the same series as by label set");
            assertEquals(AppendResult.APPENDED, db.append(live, T0 + 3 * HOUR, 1));
            db.enforceRetention(T0 + 3 * HOUR);
            assertEquals(1, db.stats().series(), "retention dropped the series behind the ref");

            assertEquals(AppendResult.APPENDED, db.append(gone, T0 + 3 * HOUR, 2), "the ref makes the series anew");
            assertEquals(AppendResult.APPENDED, db.append(GONE, T0 + 3 * HOUR + 15_000, 3));
            assertEquals(AppendResult.DUPLICATE, db.append(gone, T0 + 3 * HOUR + 15_000, 3));
            assertEquals(2, db.stats().series());
            assertEquals(List.of(S.of(T0 + 3 * HOUR, 2), S.of(T0 + 3 * HOUR + 15_000, 3)), dumpAll(db).get(GONE.toString()));
            db.commit();
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(AppendResult.DUPLICATE, db.append(live, T0 + 3 * HOUR, 1), "another store: the ref looks its series up there");
            assertEquals(AppendResult.APPENDED, db.append(live, T0 + 3 * HOUR + 15_000, 1));
            assertEquals(2, dumpAll(db).get(LIVE.toString()).size());
        }
    }

    @Test
    void chunksWhollyBeforeTheCutoffAndEmptySeriesAreDroppedDurably() throws IOException {
        long cutoff = T0 + 2 * HOUR + 30 * 60_000 + 40_000;
        Map<String, List<S>> after;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            for (long t = T0; t < T0 + 3 * HOUR; t += 15_000) {
                db.append(LIVE, t, t / 1000.0);
                if (t < T0 + HOUR) {
                    db.append(GONE, t, 1);
                }
            }
            db.commit();
            long diskBefore = db.stats().diskTotalBytes();
            long segmentsBefore = segmentCount();

            db.enforceRetention(cutoff + HOUR);
            assertEquals(1, db.stats().series());
            List<S> live = dumpAll(db).get(LIVE.toString());
            long first = live.get(0).t();
            assertTrue(first >= cutoff && first < cutoff + 15_000, "nothing before the cutoff is answered: " + first);
            assertEquals((T0 + 3 * HOUR - first) / 15_000, live.size(), "nothing after the cutoff is lost");
            assertEquals(List.of("live"), db.labelValues("__name__", Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
            assertEquals(List.of(), db.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(LabelMatcher.equal("__name__", "gone"))));
            long held = db.stats().rawSamples();
            assertTrue(held > live.size() && held < live.size() + 8,
                    "the chunk spanning the cutoff stays whole until it is wholly past it: " + held);

            // files go once neither of the two kept checkpoints refers to them
            db.commit();
            db.append(LIVE, T0 + 3 * HOUR, 0);
            db.commit();
            assertTrue(segmentCount() < segmentsBefore, segmentCount() + " segments, " + segmentsBefore + " before");
            assertTrue(db.stats().diskTotalBytes() < diskBefore);
            assertEquals(AppendResult.OUT_OF_ORDER_TOO_OLD, db.append(Labels.of("__name__", "late"), cutoff - 1, 1),
                    "data behind the retention cutoff is not taken, even for a new series");
            after = dumpAll(db);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(after, dumpAll(db));
            assertEquals(1, db.stats().series());
        }
    }

    @Test
    void aSizeCapDropsTheOldestChunksOfEverySeriesUntilTheRestFit() throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS.withRetention(Duration.ofDays(365)))) {
            for (long t = T0; t < T0 + 3 * HOUR; t += 15_000) {
                db.append(LIVE, t, t % 7);
                db.append(GONE, t, t % 5);
            }
            db.commit();
            long before = db.stats().diskChunkBytes();
            db.enforceRetention(T0 + 3 * HOUR, before / 3);
            TsdbStats after = db.stats();
            assertTrue(after.diskChunkBytes() + after.memoryChunkBytes() <= before / 3 + 200,
                    "closed chunks within the cap (the open chunks come on top): " + after);
            long cutoff = after.retentionCutoffMs();
            assertTrue(cutoff > T0 + HOUR && cutoff < T0 + 3 * HOUR, "the newest third or so is kept: " + (cutoff - T0));
            for (List<S> kept : dumpAll(db).values()) {
                assertTrue(kept.get(0).t() >= cutoff, "both series are cut at the same time");
            }
            db.enforceRetention(T0 + 3 * HOUR, 0);
            assertEquals(cutoff, db.stats().retentionCutoffMs(), "no cap: only time retention, which keeps everything here");
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).count();
        }
    }
}
