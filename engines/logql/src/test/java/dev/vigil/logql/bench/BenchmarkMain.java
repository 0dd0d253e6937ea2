package dev.vigil.logql.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the LogQL benchmarks and prints, besides JMH's ms/op, lines per second. Arguments are
 * JMH's (e.g. {@code -f 1 -wi 2 -i 3}); a single argument is split on spaces.
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
            opts.include(QueryBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String query = name.endsWith("lineFilter") ? QueryBenchmark.FILTER : QueryBenchmark.SUM_BY_LEVEL;
            double msPerOp = r.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "%-60s %9.2f ms/op  %,.0f lines/s%n", query, msPerOp, BenchData.LINES / (msPerOp / 1000));
        }
    }
}
