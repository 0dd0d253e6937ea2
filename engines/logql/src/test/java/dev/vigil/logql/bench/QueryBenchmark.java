package dev.vigil.logql.bench;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.storage.InMemoryLogSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Parse + evaluate over {@link BenchData#LINES} in-memory lines; {@link BenchmarkMain} turns ms/op into lines/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBenchmark {
    static final String FILTER = "{app=\"x\"} |= \"needle\"";
    static final String SUM_BY_LEVEL = "sum by (level) (count_over_time({app=\"x\"} | logfmt [5m]))";

    private InMemoryLogSource source;
    private final LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);

    @Setup
    public void setup() {
        source = BenchData.build();
    }

    /** Scans every line: the needle is in one line of a hundred, fewer than the limit. */
    @Benchmark
    public LogResult lineFilter() {
        return engine.query(source, FILTER, BenchData.START, BenchData.START + BenchData.SPAN, Direction.BACKWARD, 5000);
    }

    /** One instant evaluation whose 5m window holds every line, each parsed with logfmt. */
    @Benchmark
    public MetricResult sumByLevelCountOverTime() {
        return engine.instant(source, SUM_BY_LEVEL, BenchData.START + BenchData.SPAN);
    }
}
