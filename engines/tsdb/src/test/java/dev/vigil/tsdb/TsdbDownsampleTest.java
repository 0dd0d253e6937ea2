package dev.vigil.tsdb;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SelectHints;
import dev.vigil.tsdb.TsdbFixtures.S;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.tsdb.TsdbFixtures.dump;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static dev.vigil.tsdb.TsdbFixtures.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TsdbDownsampleTest {
    private static final long HOUR = 3_600_000L;
    private static final long FIVE_MIN = 300_000L;
    /** Aligned to the two-hour downsampling blocks. */
    private static final long B = 1_699_999_200_000L;
    private static final Labels GAUGE = Labels.of("__name__", "gauge");
    private static final Labels STOPPED = Labels.of("__name__", "stopped");
    private static final List<LabelMatcher> GAUGE_ONLY = List.of(LabelMatcher.equal("__name__", "gauge"));
    private static final TsdbOptions OPTIONS = TsdbOptions.DEFAULTS.withDownsampleAge(Duration.ofHours(1));

    @TempDir
    Path dir;

    private static double value(long t) {
        long i = (t - B) / 15_000;
        return (i * 37) % 101 - 50;
    }

    private static void fill(Tsdb db) {
        db.append(STOPPED, B, 1);
        for (long t = B; t < B + 6 * HOUR; t += 15_000) {
            db.append(GAUGE, t, t == B + 2 * FIVE_MIN + 30_000 ? StaleNaN.VALUE : value(t));
        }
    }

    /** Expected rollups of [B, B + 4h), computed sample by sample. */
    private static List<S> expected(String column) {
        List<S> out = new ArrayList<>();
        for (long bucket = B; bucket < B + 4 * HOUR; bucket += FIVE_MIN) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int count = 0;
            double last = 0;
            for (long t = bucket; t < bucket + FIVE_MIN; t += 15_000) {
                if (t == B + 2 * FIVE_MIN + 30_000) {
                    continue; // the stale marker is not a value
                }
                double v = value(t);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                count++;
                last = v;
            }
            double v = switch (column) {
                case "min" -> min;
                case "max" -> max;
                case "sum" -> sum;
                case "count" -> count;
                case "mean" -> sum / count;
                default -> last;
            };
            out.add(S.of(bucket + FIVE_MIN - 15_000, v));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"'', last", "rate, last", "increase, last", "min_over_time, min", "max_over_time, max",
            "sum_over_time, sum", "count_over_time, count", "avg_over_time, mean", "quantile_over_time, last"})
    void oldDataIsReadFromRollupsWithTheAggregateTheFunctionNeeds(String function, String column) throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db);
            db.downsample(B + 6 * HOUR);
            SelectHints hints = new SelectHints(FIVE_MIN, 10 * FIVE_MIN, function);
            List<S> old = samples(db.select(B, B + 4 * HOUR - 1, GAUGE_ONLY, hints).get(0).cursor());
            assertEquals(expected(column), old);
        }
    }

    @Test
    void rawChunksBeforeTheWatermarkAreReplacedAndRecentDataStaysRaw() throws IOException {
        Map<String, List<S>> after;
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db);
            assertEquals(6 * 240 + 1, db.stats().rawSamples());
            db.downsample(B + 6 * HOUR);
            assertEquals(2 * 240, db.stats().rawSamples());
            assertEquals(48 + 1, db.stats().rollups());
            List<S> all = dumpAll(db).get(GAUGE.toString());
            assertEquals(List.of(S.of(B, 1)), dumpAll(db).get(STOPPED.toString()), "a lone sample is its own rollup");
            assertEquals(48 + 2 * 240, all.size());
            List<S> recent = all.subList(48, all.size());
            for (int i = 0; i < recent.size(); i++) {
                long t = B + 4 * HOUR + i * 15_000L;
                assertEquals(S.of(t, value(t)), recent.get(i));
            }
            assertEquals(AppendResult.OUT_OF_ORDER_TOO_OLD, db.append(Labels.of("__name__", "new"), B + 4 * HOUR - 1, 1),
                    "nothing may land behind the rollups");
            assertEquals(AppendResult.OUT_OF_ORDER_TOO_OLD, db.append(STOPPED, B + 2 * HOUR, 1),
                    "not even after the newest sample of a series that stopped before the watermark");
            db.downsample(B + 6 * HOUR + 1);
            assertEquals(48 + 1, db.stats().rollups(), "the boundary moves in whole blocks");
            db.commit();
            after = dumpAll(db);
        }
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            assertEquals(after, dumpAll(db));
            assertEquals(48 + 1, db.stats().rollups());
            assertEquals(2 * 240, db.stats().rawSamples());
        }
    }

    @Test
    void aSecondPassRollsUpTheNextBlockAndKeepsTheFirst() throws IOException {
        try (Tsdb db = Tsdb.open(dir, OPTIONS)) {
            fill(db);
            db.downsample(B + 4 * HOUR);
            assertEquals(24 + 1, db.stats().rollups());
            db.downsample(B + 6 * HOUR);
            assertEquals(48 + 1, db.stats().rollups());
            assertEquals(expected("last"), samples(db.select(B, B + 4 * HOUR - 1, GAUGE_ONLY).get(0).cursor()));
            assertEquals(dump(db.select(B, B + 4 * HOUR - 1, List.of())), dump(db.select(B, B + 4 * HOUR - 1, List.of(),
                    new SelectHints(15_000, 0, ""))), "with raw data gone, a fine step reads rollups too");
        }
    }
}
