package dev.vigil.promql.eval;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.storage.MemoryStorage;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The result shapes and error types the HTTP API relies on, and the hints passed to storage. */
class EngineApiTest {
    private final Engine engine = new Engine(EngineOptions.defaults());

    private static MemoryStorage storage() {
        MemoryStorage s = new MemoryStorage();
        for (int t = 0; t <= 600; t += 15) {
            s.add(Labels.of("__name__", "x", "job", "b"), t * 1000L, t);
            s.add(Labels.of("__name__", "x", "job", "a"), t * 1000L, 2 * t);
        }
        return s;
    }

    @Test
    void instantRangeSelectorReturnsTheRawSamplesOfTheWindow() {
        Matrix m = (Matrix) engine.instantQuery(storage(), "x{job=\"a\"}[30s]", 600_000).value();
        assertEquals(List.of(new TimeSeries(Labels.of("__name__", "x", "job", "a"),
                List.of(new Point(570_000, 1140), new Point(585_000, 1170), new Point(600_000, 1200)))), m.series());
    }

    @Test
    void instantSubqueryReturnsThePointsOfItsAlignedSteps() {
        Matrix m = (Matrix) engine.instantQuery(storage(), "x{job=\"a\"}[1m:30s]", 600_000).value();
        assertEquals(List.of(new TimeSeries(Labels.of("__name__", "x", "job", "a"),
                List.of(new Point(540_000, 1080), new Point(570_000, 1140), new Point(600_000, 1200)))), m.series());
    }

    @Test
    void stringAndScalarResultsCarryTheEvaluationTime() {
        assertEquals(new StringValue(5_000, "hello"), engine.instantQuery(storage(), "\"hello\"", 5_000).value());
        assertEquals(new Scalar(5_000, 5), engine.instantQuery(storage(), "time()", 5_000).value());
    }

    @Test
    void rangeQueryResultIsSortedByLabels() {
        Matrix m = (Matrix) engine.rangeQuery(storage(), "x", 0, 60_000, 30_000).value();
        assertEquals(List.of(Labels.of("__name__", "x", "job", "a"), Labels.of("__name__", "x", "job", "b")),
                m.series().stream().map(TimeSeries::labels).toList());
        assertEquals(List.of(new Point(0, 0), new Point(30_000, 60), new Point(60_000, 120)), m.series().get(0).points());
    }

    @Test
    void errorsHaveDistinctTypesForTheHttpLayer() {
        assertThrows(ParseException.class, () -> engine.instantQuery(storage(), "sum(", 0));
        assertThrows(IllegalArgumentException.class, () -> engine.rangeQuery(storage(), "x[5m]", 0, 60_000, 15_000));
        assertThrows(IllegalArgumentException.class, () -> engine.rangeQuery(storage(), "x", 60_000, 0, 15_000));
        assertThrows(IllegalArgumentException.class, () -> engine.rangeQuery(storage(), "x", 0, 60_000, 0));
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> engine.instantQuery(storage(), "x + on() x", 600_000));
        assertEquals(true, e.getMessage().startsWith("found duplicate series for the match group {} on the right hand-side"));
    }

    /** Records every select, so the hints can be checked. */
    private static final class RecordingStorage implements Storage {
        final Storage inner = storage();
        final List<SelectHints> hints = new ArrayList<>();

        @Override
        public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
            return select(mint, maxt, matchers, SelectHints.NONE);
        }

        @Override
        public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints h) {
            hints.add(h);
            return inner.select(mint, maxt, matchers);
        }

        @Override
        public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
            return inner.labelNames(mint, maxt, matchers);
        }

        @Override
        public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
            return inner.labelValues(name, mint, maxt, matchers);
        }
    }

    @Test
    void selectorsPassStepRangeAndFunctionAsHints() {
        RecordingStorage s = new RecordingStorage();
        engine.rangeQuery(s, "sum by (job) (rate(x[5m])) + on(job) max_over_time(x[1m]) * on(job) x", 0, 600_000, 60_000);
        assertEquals(List.of(new SelectHints(60_000, 300_000, "rate"), new SelectHints(60_000, 60_000, "max_over_time"),
                new SelectHints(60_000, 0, "")), s.hints);
    }
}
