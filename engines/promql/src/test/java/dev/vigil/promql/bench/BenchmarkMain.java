package dev.vigil.promql.bench;

import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.storage.MemoryStorage;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the PromQL benchmarks and prints, besides JMH's ms/op, nanoseconds per sample loaded.
 * Arguments are JMH's (e.g. {@code -f 1 -wi 2 -i 3}); a single argument is split on spaces.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>();
        for (String a : args) {
            for (String part : a.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    jmhArgs.add(part);
                }
            }
        }
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        OptionsBuilder opts = new OptionsBuilder();
        opts.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            opts.include(RangeQueryBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(opts.build()).run();

        MemoryStorage storage = BenchData.build();
        Engine engine = new Engine(EngineOptions.defaults());
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String query = name.endsWith("sumByInstanceRate") ? RangeQueryBenchmark.SUM_RATE : RangeQueryBenchmark.RATE;
            long samples = engine.rangeQuery(storage, query, 0, BenchData.HOUR_MS, BenchData.STEP_MS).samplesLoaded();
            double msPerOp = r.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "%-32s %10.1f ms/op  %,d samples loaded  %.1f ns/sample%n",
                    query, msPerOp, samples, msPerOp * 1e6 / samples);
        }
    }
}
