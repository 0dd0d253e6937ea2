package dev.vigil.promql.bench;

import dev.vigil.model.Labels;
import dev.vigil.promql.storage.MemoryStorage;

/** The benchmark data set: 10,000 counter series over one hour at a 15 s scrape interval. */
final class BenchData {
    static final int SERIES = 10_000;
    static final long HOUR_MS = 3_600_000;
    static final long SCRAPE_MS = 15_000;
    static final long STEP_MS = 60_000;

    private BenchData() {
    }

    /** Series x{instance="host-NN", cpu="NN"}: 100 instances of 100 series each, counters rising by 1..3 per scrape. */
    static MemoryStorage build() {
        MemoryStorage s = new MemoryStorage();
        for (int i = 0; i < SERIES; i++) {
            Labels l = Labels.of("__name__", "x", "instance", "host-" + (i / 100), "cpu", Integer.toString(i % 100));
            double v = 0;
            for (long t = 0; t <= HOUR_MS; t += SCRAPE_MS) {
                v += 1 + (i + t / SCRAPE_MS) % 3;
                s.add(l, t, v);
            }
        }
        return s;
    }
}
