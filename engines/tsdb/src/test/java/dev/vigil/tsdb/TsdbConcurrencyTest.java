package dev.vigil.tsdb;

import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsdbConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void readersSeeSortedConsistentSeriesWhileTheWriterAppendsAndCommits() throws Exception {
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS.withChunkTargetSamples(16))) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        for (int s = 0; s < 20; s++) {
                            db.append(Labels.of("__name__", "m", "s", Integer.toString(s)), T0 + i * 1000L, i);
                        }
                        if (i % 250 == 0) {
                            db.commit();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            });
            writer.start();
            int reads = 0;
            while (writer.isAlive() || reads == 0) {
                for (Series s : db.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of())) {
                    SampleCursor c = s.cursor();
                    long prev = Long.MIN_VALUE;
                    int n = 0;
                    while (c.next()) {
                        assertTrue(c.timestamp() > prev, "timestamps ascend");
                        assertEquals((c.timestamp() - T0) / 1000.0, c.value());
                        prev = c.timestamp();
                        n++;
                    }
                    assertEquals((prev - T0) / 1000 + 1, n, "no gaps in a snapshot");
                }
                reads++;
            }
            writer.join();
            assertEquals(null, failure.get());
            assertEquals(40_000, db.stats().rawSamples());
        }
    }
}
