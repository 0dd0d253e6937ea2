package dev.vigil.promql.bench;

import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.eval.Result;
import dev.vigil.promql.storage.MemoryStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Range queries (1 h, 60 s steps) over {@link BenchData}: {@code rate(x[5m])} and
 * {@code sum by (instance) (rate(x[5m]))}, from {@link MemoryStorage}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RangeQueryBenchmark {
    static final String RATE = "rate(x[5m])";
    static final String SUM_RATE = "sum by (instance) (rate(x[5m]))";

    private MemoryStorage storage;
    private Engine engine;

    @Setup
    public void load() {
        storage = BenchData.build();
        engine = new Engine(EngineOptions.defaults());
    }

    @Benchmark
    public Result rate() {
        return engine.rangeQuery(storage, RATE, 0, BenchData.HOUR_MS, BenchData.STEP_MS);
    }

    @Benchmark
    public Result sumByInstanceRate() {
        return engine.rangeQuery(storage, SUM_RATE, 0, BenchData.HOUR_MS, BenchData.STEP_MS);
    }
}
