package dev.vigil.logql.storage;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A query stops when its time or its bytes to read run out, between lines, with a 4xx-mapped error. */
class BudgetedSourceTest {
    private static final long S = 1_000_000_000L;

    private static InMemoryLogSource source(int lines) {
        InMemoryLogSource src = new InMemoryLogSource();
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            entries.add(new LogEntry(i * S, "x".repeat(100)));
        }
        src.add(Labels.of("app", "a"), entries);
        return src;
    }

    @Test
    void aScanStopsOnceTheClockPassesTheDeadline() {
        AtomicLong now = new AtomicLong();
        // every reading of the clock (each 256 entries) is 10 ms later; the budget is 100 ms
        BudgetedSource b = new BudgetedSource(source(10_000), 100_000_000L, 0, () -> now.addAndGet(10_000_000L));
        int[] read = {0};
        BudgetedSource.QueryLimitException e = assertThrows(BudgetedSource.QueryLimitException.class, () -> {
            try (EntryIterator it = b.entries(Labels.of("app", "a"), 0, Long.MAX_VALUE, Direction.FORWARD, LinePredicate.ALL)) {
                while (it.hasNext()) {
                    it.next();
                    read[0]++;
                }
            }
        });
        assertTrue(e.timedOut());
        assertTrue(read[0] < 10_000, "stopped early: " + read[0]);
    }

    @Test
    void aQueryReadingMoreBytesThanAllowedFailsNamingTheSetting() {
        LogqlEngine engine = new LogqlEngine(new LogqlOptions(500, 11_000, 5_000, Duration.ofMinutes(1), 5_000));
        InMemoryLogSource src = source(1_000);
        BudgetedSource.QueryLimitException e = assertThrows(BudgetedSource.QueryLimitException.class,
                () -> engine.range(src, "count_over_time({app=\"a\"}[1h])", 0, 1_000 * S, 100 * S));
        assertFalse(e.timedOut());
        assertTrue(e.getMessage().contains("vigil.logs.query.max-bytes-scanned"), e.getMessage());
        assertEquals(40, engine.query(src, "{app=\"a\"}", 0, 40 * S, Direction.FORWARD, 100).entryCount(),
                "within the budget the query answers");
    }
}
