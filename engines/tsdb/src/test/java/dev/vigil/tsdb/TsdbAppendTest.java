package dev.vigil.tsdb;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import dev.vigil.tsdb.TsdbFixtures.S;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static dev.vigil.tsdb.TsdbFixtures.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsdbAppendTest {
    private static final Labels UP_A = Labels.of("__name__", "up", "instance", "a");
    private static final Labels UP_B = Labels.of("__name__", "up", "instance", "b");

    @TempDir
    Path dir;
    Tsdb db;

    @BeforeEach
    void open() throws IOException {
        db = Tsdb.open(dir, TsdbOptions.DEFAULTS.withChunkTargetSamples(4).withOutOfOrderWindow(Duration.ofMinutes(5)));
    }

    @AfterEach
    void close() throws IOException {
        db.close();
    }

    @Test
    void selectReturnsMatchingSeriesSortedWithSamplesInRangeAcrossChunks() {
        for (int i = 0; i < 10; i++) {
            db.append(UP_B, T0 + i * 15_000, i);
            db.append(UP_A, T0 + i * 15_000, 100 + i);
        }
        db.append(Labels.of("__name__", "other"), T0, 1);
        List<Series> result = db.select(T0 + 30_000, T0 + 75_000, List.of(LabelMatcher.equal("__name__", "up")));
        assertEquals(List.of(UP_A, UP_B), result.stream().map(Series::labels).toList());
        assertEquals(List.of(S.of(T0 + 30_000, 102), S.of(T0 + 45_000, 103), S.of(T0 + 60_000, 104), S.of(T0 + 75_000, 105)),
                samples(result.get(0).cursor()));
        assertEquals(samples(result.get(1).cursor()), samples(result.get(1).cursor()), "each cursor starts afresh");
    }

    @Test
    void seriesWithoutSamplesInRangeAreLeftOut() {
        db.append(UP_A, T0, 1);
        db.append(UP_B, T0 + 60_000, 1);
        assertEquals(List.of(UP_B), db.select(T0 + 1, T0 + 60_000, List.of()).stream().map(Series::labels).toList());
    }

    @Test
    void labelNamesAndValuesAreSortedAndFilteredByMatchersAndTime() {
        db.append(UP_B, T0, 1);
        db.append(UP_A, T0, 1);
        db.append(Labels.of("__name__", "load", "host", "z"), T0 + 3_600_000, 1);
        assertEquals(List.of("__name__", "host", "instance"), db.labelNames(T0, T0 + 3_600_000, List.of()));
        assertEquals(List.of("__name__", "instance"), db.labelNames(T0, T0 + 1, List.of()));
        assertEquals(List.of("a", "b"), db.labelValues("instance", T0, T0, List.of()));
        assertEquals(List.of("load", "up"), db.labelValues("__name__", T0, T0 + 3_600_000, List.of()));
        assertEquals(List.of("b"), db.labelValues("instance", T0, T0,
                List.of(new LabelMatcher(MatchType.REGEX, "instance", "b.*"))));
    }

    @Test
    void exactDuplicateIsDroppedAndConflictingValueIsRejected() {
        assertEquals(AppendResult.APPENDED, db.append(UP_A, T0, 1));
        assertEquals(AppendResult.APPENDED, db.append(UP_A, T0 + 15_000, 2));
        assertEquals(AppendResult.DUPLICATE, db.append(UP_A, T0 + 15_000, 2));
        assertEquals(AppendResult.DUPLICATE_TIMESTAMP, db.append(UP_A, T0 + 15_000, 3));
        assertEquals(AppendResult.DUPLICATE, db.append(UP_A, T0, 1));
        assertEquals(AppendResult.DUPLICATE_TIMESTAMP, db.append(UP_A, T0, 7));
        TsdbStats s = db.stats();
        assertEquals(2, s.rawSamples());
        assertEquals(2, s.duplicates());
        assertEquals(2, s.duplicateTimestamps());
        assertEquals(List.of(S.of(T0, 1), S.of(T0 + 15_000, 2)), dumpAll(db).get(UP_A.toString()));
    }

    @Test
    void replayingTheSameBatchTwiceChangesNothing() {
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new Object[] {i % 2 == 0 ? UP_A : UP_B, T0 + (i / 2) * 15_000L, (double) i});
        }
        // a late sample inside the window, as a replay might contain
        batch.add(new Object[] {UP_A, T0 + 353_000L, 0.5});
        for (Object[] s : batch) {
            assertTrue(db.append((Labels) s[0], (long) s[1], (double) s[2]).stored());
        }
        var before = dumpAll(db);
        long samplesBefore = db.stats().rawSamples();
        for (Object[] s : batch) {
            AppendResult r = db.append((Labels) s[0], (long) s[1], (double) s[2]);
            assertTrue(r == AppendResult.DUPLICATE || r == AppendResult.OUT_OF_ORDER_TOO_OLD, "replayed sample gave " + r);
        }
        assertEquals(before, dumpAll(db));
        assertEquals(samplesBefore, db.stats().rawSamples());
    }

    @Test
    void outOfOrderSamplesWithinTheWindowAreMergedIntoSortedReads() {
        for (int i = 0; i < 10; i++) {
            db.append(UP_A, T0 + i * 30_000, i);
        }
        long newest = T0 + 9 * 30_000;
        List<S> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(S.of(T0 + i * 30_000, i));
        }
        // 40 late samples: more than one out-of-order chunk's worth, so chunk merging is exercised too
        for (int i = 0; i < 40; i++) {
            long t = newest - 299_000 + i * 7_000;
            if ((t - T0) % 30_000 == 0) {
                continue;
            }
            assertEquals(AppendResult.APPENDED, db.append(UP_A, t, -i));
            expected.add(S.of(t, -i));
        }
        expected.sort((a, b) -> Long.compare(a.t(), b.t()));
        assertEquals(AppendResult.OUT_OF_ORDER_TOO_OLD, db.append(UP_A, newest - 300_001, 5));
        assertEquals(expected, dumpAll(db).get(UP_A.toString()));
        assertTrue(db.stats().outOfOrderAppended() > 32);
        assertEquals(1, db.stats().tooOld());
    }

    @Test
    void replayedLateSamplesAreRecognisedAfterBeingClosedIntoTheirOwnChunk() {
        for (int i = 0; i < 3; i++) {
            db.append(UP_A, T0 + i * 100_000L, i);
        }
        // 40 late samples inside the open head chunk's range: 32 of them get closed into a chunk
        for (int i = 1; i <= 40; i++) {
            assertEquals(AppendResult.APPENDED, db.append(UP_A, T0 + 100_000L + i * 1_000L, -i));
        }
        long stored = db.stats().rawSamples();
        for (int i = 1; i <= 40; i++) {
            assertEquals(AppendResult.DUPLICATE, db.append(UP_A, T0 + 100_000L + i * 1_000L, -i), "late sample " + i);
        }
        assertEquals(AppendResult.DUPLICATE_TIMESTAMP, db.append(UP_A, T0 + 101_000L, 5));
        assertEquals(stored, db.stats().rawSamples());
        assertEquals(43, dumpAll(db).get(UP_A.toString()).size());
    }

    @Test
    void seekOnMergedCursorFindsFirstSampleAtOrAfterTarget() {
        db.append(UP_A, T0, 1);
        db.append(UP_A, T0 + 60_000, 3);
        db.append(UP_A, T0 + 30_000, 2);
        SampleCursor c = db.select(T0, T0 + 60_000, List.of()).get(0).cursor();
        assertTrue(c.seek(T0 + 1));
        assertEquals(T0 + 30_000, c.timestamp());
        assertEquals(2.0, c.value());
        assertFalse(c.seek(T0 + 60_001));
    }

    @Test
    void staleMarkersAndSpecialFloatsAreStoredBitExactly() {
        double[] values = {1, StaleNaN.VALUE, Double.NaN, Double.NEGATIVE_INFINITY, -0.0, StaleNaN.VALUE};
        List<S> expected = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            db.append(UP_A, T0 + i * 1000L, values[i]);
            expected.add(S.of(T0 + i * 1000L, values[i]));
        }
        assertEquals(AppendResult.DUPLICATE, db.append(UP_A, T0 + 1000L, StaleNaN.VALUE));
        assertEquals(AppendResult.DUPLICATE_TIMESTAMP, db.append(UP_A, T0 + 2000L, StaleNaN.VALUE));
        assertEquals(expected, dumpAll(db).get(UP_A.toString()));
    }

    @Test
    void seriesPastThePerMetricLimitAreRejectedAndCounted() throws IOException {
        db.close();
        db = Tsdb.open(dir, TsdbOptions.DEFAULTS.withMaxSeriesPerMetric(2));
        assertEquals(AppendResult.APPENDED, db.append(UP_A, T0, 1));
        assertEquals(AppendResult.APPENDED, db.append(UP_B, T0, 1));
        assertEquals(AppendResult.SERIES_LIMIT, db.append(Labels.of("__name__", "up", "instance", "c"), T0, 1));
        assertEquals(AppendResult.APPENDED, db.append(UP_A, T0 + 1, 1), "existing series still take samples");
        assertEquals(AppendResult.APPENDED, db.append(Labels.of("__name__", "down", "instance", "c"), T0, 1),
                "the limit is per metric name");
        assertEquals(1, db.stats().seriesLimited());
        assertEquals(3, db.stats().series());
    }

    @Test
    void aClosedStoreSaysSoInsteadOfFailingObscurely() throws IOException {
        db.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.append(UP_A, T0, 1));
        assertEquals("TSDB at " + dir + " is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> db.select(T0, T0, List.of()));
        db.close();
    }

    @Test
    void emptyLabelSetIsRejected() {
        assertEquals(AppendResult.INVALID_LABELS, db.append(Labels.EMPTY, T0, 1));
        assertEquals(1, db.stats().invalid());
        assertEquals(0, db.stats().series());
    }
}
