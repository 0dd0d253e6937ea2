package dev.vigil.logql.bench;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.LogStoreSource;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.logstore.StoreStats;
import dev.vigil.logstore.StreamRef;
import dev.vigil.logstore.bench.LogGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of a line-filter log query, {@code {namespace=~".+"} |= "needle"}, the whole way a
 * Loki {@code query_range} call takes it: parsed by {@link LogqlEngine}, every stream's entries read
 * through {@link LogStoreSource} from a {@link LogStore} with the filter pushed down, the matches run
 * through the pipeline, sorted and grouped into streams. Beside it, {@code grep -F -c needle} over
 * the same lines in a plain file, and the store's own filter scan ({@code LogReader.entries} with
 * {@code LineFilter.contains}, every stream, matches counted), which is the query's ceiling.
 *
 * <pre>
 * java -cp &lt;logql test classpath&gt; dev.vigil.logql.bench.QueryScanBenchmark [rawMiB=1024] [needle=timeout] [scanThreads=cores]
 * </pre>
 *
 * The data is the log store's {@link LogGenerator} (54 streams of container logs), written into a
 * store (zstd 8, 256 KiB chunks, every chunk sealed) and into {@code raw.log} under
 * {@code java.io.tmpdir}. The query's limit is above the number of matches, so every chunk is read
 * and every match returned. The store scan, the query and grep each run five times, back to back,
 * and the best run of each is reported in MB/s of the raw file's size. A Grafana-style query
 * (limit 100, newest first) is timed too: it stops once each stream has given its newest 100
 * matches.
 */
public final class QueryScanBenchmark {
    private static final int ALL_MATCHES = 10_000_000;

    private QueryScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rawTarget = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        String needle = args.length > 1 ? args[1] : "timeout";
        int scanThreads = args.length > 2 ? Integer.parseInt(args[2]) : LogStoreOptions.defaults().scanThreads();
        Path work = Files.createTempDirectory("logql-bench");
        try {
            run(work, rawTarget, needle, scanThreads);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Path work, long rawTarget, String needle, int scanThreads) throws Exception {
        Path rawFile = work.resolve("raw.log");
        LogStoreOptions options = LogStoreOptions.defaults().withScanThreads(scanThreads);
        try (LogStore store = LogStore.open(work.resolve("store"), options);
             OutputStream raw = new BufferedOutputStream(Files.newOutputStream(rawFile), 1 << 20)) {
            LogGenerator gen = new LogGenerator(42, 1_715_644_800_000_000_000L);
            long written = 0;
            long minTs = Long.MAX_VALUE;
            long maxTs = Long.MIN_VALUE;
            while (written < rawTarget) {
                LogGenerator.Entry e = gen.next();
                byte[] b = e.line().getBytes(StandardCharsets.UTF_8);
                raw.write(b);
                raw.write('\n');
                written += b.length + 1;
                minTs = Math.min(minTs, e.tsNanos());
                maxTs = Math.max(maxTs, e.tsNanos());
                store.append(e.stream(), e.tsNanos(), e.line());
            }
            store.flush();
            store.commit();
            raw.flush();
            StoreStats st = store.stats();
            long fileBytes = Files.size(rawFile);
            System.out.printf("data: %d streams, raw file %.1f MiB, %d chunks, %.1f MiB stored, ratio %.2fx%n",
                    st.streams(), fileBytes / 1048576.0, st.chunks(), st.storedBytes() / 1048576.0, st.compressionRatio());

            List<StreamRef> refs = store.streams(List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
            LineFilter filter = LineFilter.contains(needle);
            long storeBest = Long.MAX_VALUE;
            long storeMatches = 0;
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                storeMatches = scan(store, refs, filter);
                storeBest = Math.min(storeBest, System.nanoTime() - s);
            }
            double storeMbs = fileBytes / 1e6 / (storeBest / 1e9);
            System.out.printf("store filter scan (LogReader.entries with LineFilter.contains, every stream): %d matches,"
                    + " best of 5 %.3f s, %.0f MB/s%n", storeMatches, storeBest / 1e9, storeMbs);

            String query = "{namespace=~\".+\"} |= \"" + needle.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            LogqlEngine engine = new LogqlEngine(new LogqlOptions(500, 11_000, ALL_MATCHES));
            long start = minTs;
            long end = maxTs + 1;
            long best = Long.MAX_VALUE;
            long matches = 0;
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                matches = count(engine.query(new LogStoreSource(store), query, start, end, Direction.FORWARD, ALL_MATCHES));
                best = Math.min(best, System.nanoTime() - s);
            }
            double queryMbs = fileBytes / 1e6 / (best / 1e9);
            System.out.printf("LogQL %s (%d scan threads, limit %d, forward): %d matches, best of 5 %.3f s, %.0f MB/s%n",
                    query, scanThreads, ALL_MATCHES, matches, best / 1e9, queryMbs);

            long grepBest = Long.MAX_VALUE;
            String grepCount = "";
            for (int i = 0; i < 5; i++) {
                long g = System.nanoTime();
                grepCount = grep(needle, rawFile);
                grepBest = Math.min(grepBest, System.nanoTime() - g);
            }
            double grepMbs = fileBytes / 1e6 / (grepBest / 1e9);
            System.out.printf("grep -F -c \"%s\": %s matches, best of 5 %.3f s, %.0f MB/s%n", needle, grepCount,
                    grepBest / 1e9, grepMbs);
            System.out.printf("LogQL query / grep throughput: %.2f; store filter scan / grep: %.2f%n", queryMbs / grepMbs,
                    storeMbs / grepMbs);

            long limitedBest = Long.MAX_VALUE;
            long limited = 0;
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                limited = count(engine.query(new LogStoreSource(store), query, start, end, Direction.BACKWARD, 100));
                limitedBest = Math.min(limitedBest, System.nanoTime() - s);
            }
            System.out.printf("LogQL same query, limit 100, backward: %d entries, best of 5 %.1f ms%n", limited,
                    limitedBest / 1e6);
            if (Long.parseLong(grepCount) != matches || storeMatches != matches) {
                throw new IllegalStateException("match counts differ: LogQL " + matches + ", store " + storeMatches
                        + ", grep " + grepCount);
            }
        }
    }

    private static long scan(LogStore store, List<StreamRef> refs, LineFilter filter) {
        long n = 0;
        for (StreamRef ref : refs) {
            try (EntryCursor c = store.entries(ref, Long.MIN_VALUE, Long.MAX_VALUE,
                    dev.vigil.logstore.Direction.FORWARD, filter)) {
                while (c.next()) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long count(LogResult r) {
        long n = 0;
        for (StreamResult s : r.streams()) {
            n += s.entries().size();
        }
        return n;
    }

    private static String grep(String needle, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("grep", "-F", "-c", needle, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
