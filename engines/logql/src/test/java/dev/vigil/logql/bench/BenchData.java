package dev.vigil.logql.bench;

import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark data: {@link #LINES} logfmt lines over five minutes in four streams of {@code app="x"},
 * one line in a hundred containing "needle".
 */
final class BenchData {
    static final int LINES = 200_000;
    static final long START = 1_700_000_000L * 1_000_000_000L;
    static final long SPAN = 300L * 1_000_000_000L;

    private BenchData() {
    }

    static InMemoryLogSource build() {
        Random rnd = new Random(42);
        String[] levels = {"info", "info", "info", "warn", "error", "debug"};
        String[] paths = {"/api/v1/users", "/api/v1/orders", "/health", "/api/v1/items/42"};
        InMemoryLogSource src = new InMemoryLogSource();
        for (int h = 0; h < 4; h++) {
            List<LogEntry> entries = new ArrayList<>(LINES / 4);
            for (int i = 0; i < LINES / 4; i++) {
                long ts = START + (SPAN / (LINES / 4)) * i + h;
                String msg = rnd.nextInt(100) == 0 ? "needle found in haystack" : "request served";
                entries.add(new LogEntry(ts, "level=" + levels[rnd.nextInt(levels.length)] + " caller=server.go:" + rnd.nextInt(400)
                        + " msg=\"" + msg + "\" status=" + (200 + 100 * rnd.nextInt(4)) + " duration=" + rnd.nextInt(900) + "ms"
                        + " path=" + paths[rnd.nextInt(paths.length)]));
            }
            src.add(Labels.of("app", "x", "host", "h" + h), entries);
        }
        return src;
    }
}
