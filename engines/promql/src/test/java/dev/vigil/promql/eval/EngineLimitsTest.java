package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.storage.MemoryStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sample limit and the timeout stop a query with the errors the HTTP layer maps to 422 and 503. */
class EngineLimitsTest {
    private static MemoryStorage tenSeriesOfSixtySamples() {
        MemoryStorage s = new MemoryStorage();
        for (int i = 0; i < 10; i++) {
            for (int t = 0; t < 60; t++) {
                s.add(Labels.of("__name__", "x", "i", Integer.toString(i)), t * 10_000L, t);
            }
        }
        return s;
    }

    @Test
    void rangeSelectorOverTheSampleLimitFails() {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(599));
        TooManySamplesException e = assertThrows(TooManySamplesException.class,
                () -> engine.instantQuery(tenSeriesOfSixtySamples(), "sum(count_over_time(x[10m]))", 590_000));
        assertEquals("query processing would load too many samples into memory in query execution", e.getMessage());
    }

    @Test
    void queryAtTheSampleLimitSucceedsAndReportsSamplesLoaded() {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(600));
        Result r = engine.instantQuery(tenSeriesOfSixtySamples(), "sum(count_over_time(x[10m]))", 590_000);
        assertEquals(600, r.samplesLoaded());
    }

    @Test
    void subqueryPointsCountTowardsTheLimit() {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(100));
        // 10 series x 60 steps of the inner selector, then again as subquery points.
        assertThrows(TooManySamplesException.class,
                () -> engine.instantQuery(tenSeriesOfSixtySamples(), "max_over_time(x[10m:10s])", 590_000));
    }

    @Test
    void rangeQueryStepsCountTowardsTheLimit() {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(50));
        assertThrows(TooManySamplesException.class,
                () -> engine.rangeQuery(tenSeriesOfSixtySamples(), "x", 0, 590_000, 10_000));
    }

    @Test
    void queryPastTheTimeoutFails() {
        AtomicLong now = new AtomicLong();
        // Every clock read moves time on by one second; the timeout is one minute.
        Engine engine = new Engine(EngineOptions.defaults().withTimeout(Duration.ofMinutes(1)),
                () -> now.addAndGet(1_000_000_000L));
        QueryTimeoutException e = assertThrows(QueryTimeoutException.class,
                () -> engine.rangeQuery(tenSeriesOfSixtySamples(), "sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m]))"
                        + " + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m]))"
                        + " + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m]))"
                        + " + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m])) + sum(rate(x[1m]))",
                        0, 590_000, 10_000));
        assertEquals("query timed out in query execution", e.getMessage());
    }

    @Test
    void queryWithinTheTimeoutSucceeds() {
        AtomicLong now = new AtomicLong();
        Engine engine = new Engine(EngineOptions.defaults().withTimeout(Duration.ofMinutes(1)), now::get);
        Result r = engine.instantQuery(tenSeriesOfSixtySamples(), "sum(x)", 590_000);
        assertEquals(590_000, ((dev.vigil.promql.value.Vector) r.value()).samples().get(0).timestampMs());
    }
}
