package dev.vigil.tsdb.bench;

import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Append throughput in samples per second: each invocation appends one scrape of 1,000
 * node-exporter-shaped series (values precomputed, so only the store is measured). A fresh store
 * per iteration keeps the heap flat; {@code appendAndCommitScrape} also commits after every
 * 100th scrape, as the metrics service does before it commits Kafka offsets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(time = 5)
@Measurement(time = 5)
public class AppendBenchmark {
    private static final int SERIES = 1_000;
    private static final int SCRAPES = 1_024;

    private NodeExporterData data;
    private double[][] values;
    private Path dir;
    private Tsdb db;
    private int scrape;

    @Setup(Level.Trial)
    public void prepare() {
        data = new NodeExporterData(SERIES, 3);
        values = new double[SCRAPES][SERIES];
        for (int n = 0; n < SCRAPES; n++) {
            for (int i = 0; i < SERIES; i++) {
                values[n][i] = data.next(i);
            }
        }
    }

    @Setup(Level.Iteration)
    public void openStore() throws IOException {
        dir = Files.createTempDirectory("vigil-tsdb-bench");
        db = Tsdb.open(dir, TsdbOptions.DEFAULTS);
        scrape = 0;
    }

    @TearDown(Level.Iteration)
    public void closeStore() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendScrape(Blackhole bh) {
        appendOne(bh);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendAndCommitScrape(Blackhole bh) throws IOException {
        appendOne(bh);
        if (scrape % 100 == 0) {
            db.commit();
        }
    }

    private void appendOne(Blackhole bh) {
        double[] row = values[scrape % SCRAPES];
        long start = 1_700_000_000_000L;
        for (int i = 0; i < SERIES; i++) {
            AppendResult r = db.append(data.labels(i), data.timestamp(i, scrape, start), row[i]);
            bh.consume(r);
        }
        scrape++;
    }
}
