package dev.vigil.logql;

import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.parser.SampleExpr;
import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public API's contract beyond what the conformance scripts check: kinds, limits, parsed-query overloads. */
class LogqlEngineTest {
    private static final long S = 1_000_000_000L;
    private final LogqlEngine engine = new LogqlEngine(new LogqlOptions(2, 10, 5));
    private final InMemoryLogSource source = new InMemoryLogSource()
            .add(Labels.of("app", "a"), List.of(new LogEntry(S, "one"), new LogEntry(2 * S, "two")))
            .add(Labels.of("app", "b"), List.of(new LogEntry(S, "one")))
            .add(Labels.of("app", "c"), List.of(new LogEntry(S, "one")));

    @Test
    void tellsLogQueriesFromMetricQueries() {
        assertEquals(QueryKind.LOG, engine.kind("{app=\"a\"} |= \"x\" | json"));
        assertEquals(QueryKind.METRIC, engine.kind("sum(rate({app=\"a\"}[1m]))"));
        assertEquals(QueryKind.METRIC, engine.kind("1 + 1"));
    }

    @Test
    void parsedQueriesGiveTheSameAnswersAsText() {
        String q = "count_over_time({app=~\"a|b\"}[1m])";
        SampleExpr parsed = (SampleExpr) engine.parse(q);
        assertEquals(engine.instant(source, q, 60 * S), engine.instant(source, parsed, 60 * S));
        LogSelectorExpr logs = (LogSelectorExpr) engine.parse("{app=\"a\"}");
        assertEquals(engine.query(source, "{app=\"a\"}", 0, 10 * S, Direction.FORWARD, 5),
                engine.query(source, logs, 0, 10 * S, Direction.FORWARD, 5));
    }

    @Test
    void aLimitAboveTheMaximumIsRefused() {
        LogqlException e = assertThrows(LogqlException.class,
                () -> engine.query(source, "{app=\"a\"}", 0, 10 * S, Direction.FORWARD, 6));
        assertTrue(e.getMessage().contains("max entries limit per query exceeded, limit > max_entries_limit_per_query (6 > 5)"),
                e.getMessage());
        assertThrows(LogqlException.class, () -> engine.query(source, "{app=\"a\"}", 0, 10 * S, Direction.FORWARD, 0));
    }

    @Test
    void tooManySeriesIsAnError() {
        LogqlException e = assertThrows(LogqlException.class,
                () -> engine.instant(source, "count_over_time({app=~\".+\"}[1m])", 60 * S));
        assertEquals("maximum of series (2) reached for a single query", e.getMessage());
        assertInstanceOf(MetricResult.Vector.class, engine.instant(source, "sum by (app) (count_over_time({app=~\"a|b\"}[1m]))", 60 * S));
    }

    @Test
    void tooManyStepsIsAnError() {
        LogqlException e = assertThrows(LogqlException.class,
                () -> engine.range(source, "count_over_time({app=\"a\"}[1m])", 0, 10 * S, S));
        assertTrue(e.getMessage().startsWith("exceeded maximum resolution of 10 points per timeseries"), e.getMessage());
    }

    @Test
    void aMetricQueryIsNotALogQuery() {
        assertThrows(LogqlException.class, () -> engine.query(source, "rate({app=\"a\"}[1m])", 0, S, Direction.FORWARD, 5));
    }

    @Test
    void resultTypesAreLokis() {
        assertEquals("scalar", engine.instant(source, "1", S).resultType());
        assertEquals("vector", engine.instant(source, "vector(1)", S).resultType());
        assertEquals("matrix", engine.range(source, "vector(1)", 0, S, S).resultType());
    }
}
