package dev.vigil.alert.stream;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming store holds what the metrics store holds within its window: the same samples
 * accepted and refused (in order, duplicates, out of order inside and beyond the window,
 * staleness markers), read back the same for every range the window covers.
 */
class WindowStoreTest {
    private static final long WINDOW = 360_000;
    private static final long OUT_OF_ORDER = 600_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void holdsWhatTheTsdbHoldsWithinTheWindow(long seed) throws IOException {
        Random random = new Random(seed);
        List<Labels> series = List.of(Labels.of(Labels.METRIC_NAME, "m", "i", "1"), Labels.of(Labels.METRIC_NAME, "m", "i", "2"),
                Labels.of(Labels.METRIC_NAME, "other", "i", "1"));
        WindowStore store = new WindowStore(WINDOW, OUT_OF_ORDER);
        long now = 1_700_000_000_000L;
        try (Tsdb tsdb = Tsdb.open(dir.resolve("s" + seed), TsdbOptions.DEFAULTS)) {
            for (int step = 0; step < 3000; step++) {
                Labels l = series.get(random.nextInt(series.size()));
                now += random.nextInt(4000);
                long t = switch (random.nextInt(10)) {
                    case 0 -> now - random.nextInt((int) OUT_OF_ORDER); // out of order, inside the TSDB's window
                    case 1 -> now - OUT_OF_ORDER - 1 - random.nextInt(60_000); // further back than it
                    case 2 -> now - now % 1000; // likely a duplicate timestamp
                    default -> now;
                };
                double v = random.nextInt(10) == 0 ? StaleNaN.VALUE : random.nextInt(5);
                AppendResult byTsdb = tsdb.append(l, t, v);
                boolean byStore = store.series(l).append(t, v);
                assertEquals(byTsdb == AppendResult.APPENDED, byStore, "sample " + step + " at " + t + " (" + byTsdb + ")");
                if (step % 50 == 0) {
                    for (long range : new long[] {60_000, 300_000, WINDOW}) {
                        for (List<LabelMatcher> m : List.of(List.of(LabelMatcher.equal(Labels.METRIC_NAME, "m")),
                                List.of(LabelMatcher.equal("i", "1")))) {
                            assertEquals(read(tsdb, now - range, now, m), read(store, now - range, now, m), "step " + step);
                        }
                    }
                }
            }
        }
    }

    @Test
    void forgetsSeriesNoWindowReaches() {
        WindowStore store = new WindowStore(WINDOW, OUT_OF_ORDER);
        store.series(Labels.of(Labels.METRIC_NAME, "old")).append(1_000, 1);
        store.series(Labels.of(Labels.METRIC_NAME, "new")).append(500_000, 1);
        store.forgetOlderThan(500_000 - WINDOW);
        assertEquals(1, store.size());
        assertEquals(List.of(), read(store, 0, 600_000, List.of(LabelMatcher.equal(Labels.METRIC_NAME, "old"))));
        assertEquals(1, read(store, 0, 600_000, List.of(LabelMatcher.equal(Labels.METRIC_NAME, "new"))).size());
    }

    /** Each selected series as "labels t=v ..." with staleness markers spelled out. */
    private static List<String> read(Storage s, long mint, long maxt, List<LabelMatcher> matchers) {
        List<String> out = new ArrayList<>();
        for (Series series : s.select(mint, maxt, matchers)) {
            StringBuilder b = new StringBuilder(series.labels().toString());
            SampleCursor c = series.cursor();
            while (c.next()) {
                b.append(' ').append(c.timestamp()).append('=').append(StaleNaN.is(c.value()) ? "stale" : Double.toString(c.value()));
            }
            out.add(b.toString());
        }
        return out;
    }
}
