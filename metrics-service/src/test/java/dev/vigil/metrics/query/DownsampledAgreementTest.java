package dev.vigil.metrics.query;

import dev.vigil.model.Labels;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 30-day query with a one-hour step over downsampled data answers as over raw data: the same
 * generated 30 days (counters with resets and noisy gauges, scraped every 30 s) go into a store
 * that keeps raw samples and one that has replaced everything older than two days with
 * five-minute rollups; each query's answers must agree within the tolerance docs/operations.md
 * states, while the query statistics show the downsampled store answered from far fewer
 * samples, rollups among them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownsampledAgreementTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long SCRAPE = 30_000L;
    /** The end of the data: "now" for both stores' upkeep. */
    private static final long NOW = 1_764_547_200_000L; // 2025-12-01T00:00:00Z
    private static final long START = NOW - 30 * DAY;

    @TempDir
    static Path dir;
    private Tsdb raw;
    private Tsdb downsampled;

    @BeforeAll
    void fill() throws Exception {
        TsdbOptions keep = TsdbOptions.DEFAULTS.withRetention(Duration.ofDays(60));
        raw = Tsdb.open(dir.resolve("raw"), keep.withDownsampleAge(Duration.ofDays(45)));
        downsampled = Tsdb.open(dir.resolve("downsampled"), keep.withDownsampleAge(Duration.ofDays(2)));
        Random random = new Random(42);
        for (int instance = 0; instance < 6; instance++) {
            Labels counter = Labels.of("__name__", "requests_total", "instance", "i" + instance, "job", "api");
            Labels gauge = Labels.of("__name__", "temperature_celsius", "instance", "i" + instance, "job", "api");
            double total = 0;
            for (long t = START; t <= NOW; t += SCRAPE) {
                total += random.nextInt(50);
                if (instance == 0 && t % DAY == 0) {
                    total = 0; // a restart: rate and increase must see the reset in both stores
                }
                double temperature = 20 + 10 * Math.sin((double) t / (6 * HOUR)) + random.nextGaussian();
                for (Tsdb db : List.of(raw, downsampled)) {
                    assertEquals(AppendResult.APPENDED, db.append(counter, t, total));
                    assertEquals(AppendResult.APPENDED, db.append(gauge, t, temperature));
                }
            }
        }
        raw.downsample(NOW);
        downsampled.downsample(NOW);
        assertTrue(downsampled.stats().rollups() > 0, "the downsampled store holds rollups");
        assertEquals(0, raw.stats().rollups(), "the raw store holds none");
    }

    @AfterAll
    void close() throws Exception {
        raw.close();
        downsampled.close();
    }

    /**
     * Each query over the downsampled store against its raw reading. A rollup is stamped with its
     * last sample, so the bucket holding the sample at exactly a step's time is stamped after it:
     * over rollups a query at {@code t} reads the raw samples up to {@code t} minus one scrape, as
     * the same query {@code offset 1ms} over raw data does, and selections and the aggregates that
     * rollups keep (min, max, sum, count, mean, last) answer exactly as that. From the rollup
     * watermark on (the last two days) the store holds raw samples and answers as raw data does.
     * {@code rate} and {@code increase} see one point per five minutes instead of one per scrape
     * and extrapolate from those: they differ by the counter's own variation over the first five
     * minutes of the window (here, increments drawn at random every scrape: within 6 % for one
     * series, 3 % for a sum of six). {@code avg_over_time} averages bucket means, exact while every
     * bucket holds as many samples, as regular scrapes give; in the one window that also takes a raw
     * sample (the step at the rollup watermark) that sample weighs as much as a bucket (here within
     * 1 %). docs/operations.md states these.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rate(requests_total[1h])                  | rate(requests_total[1h] offset 1ms)                  | 0.06",
            "increase(requests_total[1h])              | increase(requests_total[1h] offset 1ms)              | 0.06",
            "sum by (job) (rate(requests_total[1h]))   | sum by (job) (rate(requests_total[1h] offset 1ms))   | 0.03",
            "avg_over_time(temperature_celsius[1h])    | avg_over_time(temperature_celsius[1h] offset 1ms)    | 0.01",
            "max_over_time(temperature_celsius[1h])    | max_over_time(temperature_celsius[1h] offset 1ms)    | 0",
            "min_over_time(temperature_celsius[1h])    | min_over_time(temperature_celsius[1h] offset 1ms)    | 0",
            "sum_over_time(temperature_celsius[1h])    | sum_over_time(temperature_celsius[1h] offset 1ms)    | 1e-12",
            "count_over_time(temperature_celsius[1h])  | count_over_time(temperature_celsius[1h] offset 1ms)  | 0",
            "temperature_celsius                       | temperature_celsius offset 1ms                       | 0",
            "last_over_time(requests_total[1h])        | last_over_time(requests_total[1h] offset 1ms)        | 0"})
    void aThirtyDayQueryOverRollupsAnswersAsOverRawData(String query, String rawReading, double tolerance) {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(100_000_000));
        long from = START + HOUR;
        QueryStats rawStats = new QueryStats(raw);
        Matrix rolledReading = (Matrix) engine.rangeQuery(rawStats, rawReading, from, NOW, HOUR).value();
        Matrix recentReading = (Matrix) engine.rangeQuery(raw, query, from, NOW, HOUR).value();
        long watermark = Math.floorDiv(NOW - Duration.ofDays(2).toMillis(), 2 * HOUR) * 2 * HOUR;
        QueryStats stats = new QueryStats(downsampled);
        Matrix actual = (Matrix) engine.rangeQuery(stats, query, from, NOW, HOUR).value();

        assertEquals(0, rawStats.rollupSamples());
        assertTrue(stats.rollupSamples() > 0, query + " read no rollups");
        assertTrue(stats.totalQueryableSamples() < rawStats.totalQueryableSamples(), query + " read as much as raw data");
        assertEquals(rolledReading.series().size(), actual.series().size(), query);
        double worst = 0;
        String where = "";
        for (int i = 0; i < actual.series().size(); i++) {
            TimeSeries e = rolledReading.series().get(i);
            TimeSeries a = actual.series().get(i);
            assertEquals(e.labels(), a.labels(), query);
            assertEquals(e.points().size(), a.points().size(), query + " " + e.labels());
            for (int j = 0; j < e.points().size(); j++) {
                Point pa = a.points().get(j);
                Point pe = pa.timestampMs() < watermark ? e.points().get(j) : recentReading.series().get(i).points().get(j);
                assertEquals(pe.timestampMs(), pa.timestampMs());
                double d = Math.abs(pe.value() - pa.value()) / Math.max(Math.abs(pe.value()), 1e-9);
                if (d > worst) {
                    worst = d;
                    where = " at " + Instant.ofEpochMilli(pe.timestampMs()) + " " + e.labels() + ": raw " + pe.value()
                            + ", rollups " + pa.value();
                }
            }
        }
        assertTrue(worst <= tolerance, query + ": worst relative difference " + worst + where + ", tolerance " + tolerance);
    }
}
