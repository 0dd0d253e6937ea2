package dev.vigil.logstore.bench;

import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingest throughput in entries per second: appends of generated container logs (54 streams,
 * about 250 bytes a line) into a store on disk, chunks cut and compressed as they fill, with
 * and without a commit (fsync) after every batch of 10 000 entries.
 *
 * <pre>
 * java -cp &lt;test classpath&gt; org.openjdk.jmh.Main IngestBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class IngestBenchmark {
    private static final int BATCH = 10_000;
    private static final int POOL = 200_000;

    @Param({"3", "8"})
    public int zstdLevel;

    private LogGenerator.Entry[] entries;
    private long span;
    private long shift;
    private int pos;
    private Path dir;
    private LogStore store;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        LogGenerator gen = new LogGenerator(42, 1_715_644_800_000_000_000L);
        entries = new LogGenerator.Entry[POOL];
        for (int i = 0; i < POOL; i++) {
            entries[i] = gen.next();
        }
        span = entries[POOL - 1].tsNanos() - entries[0].tsNanos() + 1;
        dir = Files.createTempDirectory("logstore-ingest");
        store = LogStore.open(dir, LogStoreOptions.defaults().withCompressionLevel(zstdLevel));
    }

    /** Commits outside the measurement, so the write-ahead log is checkpointed between iterations. */
    @TearDown(Level.Iteration)
    public void commit() {
        store.commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void appendBatch(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            LogGenerator.Entry e = entries[pos];
            // Each pass over the pool moves forward in time, so entries stay new and in order.
            bh.consume(store.append(e.stream(), e.tsNanos() + shift, e.line()));
            if (++pos == POOL) {
                pos = 0;
                shift += span;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void append(Blackhole bh) {
        appendBatch(bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void appendAndCommit(Blackhole bh) {
        appendBatch(bh);
        store.commit();
    }
}
