package dev.vigil.tsdb.bench;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Read throughput in samples per second: selects all 1,000 series of one node over 2 h of
 * committed node-exporter-shaped data (chunks read back from the segment file) and decodes every
 * sample, as a range query over a whole node does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(time = 5)
@Measurement(time = 5)
public class SelectBenchmark {
    private static final int SERIES = 1_000;
    private static final int SCRAPES = 480;
    private static final long START = 1_700_000_000_000L;

    private Path dir;
    private Tsdb db;
    private final List<LabelMatcher> node = List.of(new LabelMatcher(MatchType.REGEX, "instance", "node-0:.*"));

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = Files.createTempDirectory("vigil-tsdb-select");
        db = Tsdb.open(dir, TsdbOptions.DEFAULTS);
        NodeExporterData data = new NodeExporterData(SERIES, 5);
        for (int n = 0; n < SCRAPES; n++) {
            for (int i = 0; i < SERIES; i++) {
                db.append(data.labels(i), data.timestamp(i, n, START), data.next(i));
            }
        }
        db.commit();
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SERIES * SCRAPES)
    public double selectAndDecodeTwoHours() {
        double sum = 0;
        for (Series s : db.select(START, START + SCRAPES * NodeExporterData.INTERVAL_MS, node)) {
            SampleCursor c = s.cursor();
            while (c.next()) {
                sum += c.value();
            }
        }
        return sum;
    }
}
