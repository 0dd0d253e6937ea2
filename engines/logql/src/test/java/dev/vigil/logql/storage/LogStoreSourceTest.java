package dev.vigil.logql.storage;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.MetricResult;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The engine answers the same over the real log store as over the in-memory source. */
class LogStoreSourceTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;
    private LogStore store;
    private final InMemoryLogSource memory = new InMemoryLogSource();
    private final LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);

    @BeforeEach
    void load() throws IOException {
        store = LogStore.open(dir, LogStoreOptions.defaults());
        String[] levels = {"info", "warn", "error"};
        for (int app = 0; app < 3; app++) {
            Labels stream = Labels.of("app", "app" + app, "env", app == 2 ? "dev" : "prod");
            for (int i = 0; i < 200; i++) {
                long ts = (i * 3L + app) * S;
                String line = "level=" + levels[i % 3] + " status=" + (200 + (i % 5) * 100) + " msg=\"request " + i + "\"";
                Labels meta = i % 7 == 0 ? Labels.of("trace_id", "t" + i) : Labels.EMPTY;
                store.append(stream, ts, line, meta);
                memory.add(stream, List.of(new LogEntry(ts, line, meta)));
            }
        }
        store.commit();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{env=\"prod\"}",
        "{app=~\"app.\"} |= \"level=error\"",
        "{app=~\"app.\"} != \"status=200\" |~ \"request 1[0-9]+\"",
        "{app=~\"app.\"} |= \"warn\" or \"error\" | logfmt | status >= 400",
        "{app=\"app1\"} | trace_id=~\"t.*\"",
    })
    void logQueriesMatchTheInMemorySource(String query) {
        for (Direction d : Direction.values()) {
            LogResult fromStore = engine.query(new LogStoreSource(store), query, 0, 700 * S, d, 150);
            LogResult fromMemory = engine.query(memory, query, 0, 700 * S, d, 150);
            assertFalse(fromMemory.streams().isEmpty(), query);
            assertEquals(fromMemory, fromStore, query + " " + d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sum by (level) (count_over_time({app=~\"app.\"} | logfmt [1m]))",
        "rate({env=\"prod\"} |= \"error\" [30s])",
        "sum_over_time({app=\"app0\"} | logfmt | unwrap status [2m])",
    })
    void metricQueriesMatchTheInMemorySource(String query) {
        MetricResult fromStore = engine.range(new LogStoreSource(store), query, 60 * S, 600 * S, 30 * S);
        MetricResult fromMemory = engine.range(memory, query, 60 * S, 600 * S, 30 * S);
        assertFalse(((MetricResult.Matrix) fromMemory).series().isEmpty(), query);
        assertEquals(fromMemory, fromStore, query);
    }

    @Test
    void aStreamNotListedFirstIsStillFound() {
        Labels stream = Labels.of("app", "app0", "env", "prod");
        try (EntryIterator it = new LogStoreSource(store).entries(stream, 0, 10 * S, Direction.FORWARD, LinePredicate.ALL)) {
            assertEquals(0L, it.next().timestampNanos());
            assertEquals(3 * S, it.next().timestampNanos());
        }
    }
}
