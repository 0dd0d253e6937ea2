package dev.vigil.logstore.bench;

import dev.vigil.logstore.Direction;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.logstore.StoreStats;
import dev.vigil.logstore.StreamRef;
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
 * Compression ratio and filter-scan throughput on generated container logs, against
 * {@code grep -F -c} over the same lines in a plain file.
 *
 * <pre>
 * java -cp &lt;test classpath&gt; dev.vigil.logstore.bench.ScanBenchmark [rawMiB=1024] [needle=timeout] [zstdLevel=8] [chunkKiB=256] [scanThreads=cores]
 * </pre>
 *
 * Writes the logs into a store and into {@code raw.log} (one line per entry) in a temporary
 * directory under {@code java.io.tmpdir}, seals every chunk, then times five scans of every stream
 * with {@code LineFilter.contains(needle)} (the {@code |= "needle"} path) and five runs of grep, and
 * reports the best of each in MB/s of the raw file's size. Deletes the directory at the end.
 */
public final class ScanBenchmark {
    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rawTarget = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        String needle = args.length > 1 ? args[1] : "timeout";
        int level = args.length > 2 ? Integer.parseInt(args[2]) : LogStoreOptions.defaults().compressionLevel();
        long chunkBytes = (args.length > 3 ? Long.parseLong(args[3]) : 256) << 10;
        int scanThreads = args.length > 4 ? Integer.parseInt(args[4]) : LogStoreOptions.defaults().scanThreads();
        Path work = Files.createTempDirectory("logstore-bench");
        try {
            run(work, rawTarget, needle, level, chunkBytes, scanThreads);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Path work, long rawTarget, String needle, int level, long chunkBytes, int scanThreads)
            throws Exception {
        Path rawFile = work.resolve("raw.log");
        LogStoreOptions options = LogStoreOptions.defaults().withCompressionLevel(level).withChunkTargetBytes(chunkBytes)
                .withScanThreads(scanThreads);
        try (LogStore store = LogStore.open(work.resolve("store"), options);
             OutputStream raw = new BufferedOutputStream(Files.newOutputStream(rawFile), 1 << 20)) {
            LogGenerator gen = new LogGenerator(42, 1_715_644_800_000_000_000L);
            long written = 0;
            long entries = 0;
            long t0 = System.nanoTime();
            while (written < rawTarget) {
                LogGenerator.Entry e = gen.next();
                byte[] b = e.line().getBytes(StandardCharsets.UTF_8);
                raw.write(b);
                raw.write('\n');
                written += b.length + 1;
                entries++;
                store.append(e.stream(), e.tsNanos(), e.line());
            }
            store.flush();
            store.commit();
            raw.flush();
            double loadSec = (System.nanoTime() - t0) / 1e9;
            StoreStats st = store.stats();
            long fileBytes = Files.size(rawFile);
            System.out.printf("data: %d entries, %d streams, raw file %.1f MiB, line bytes %.1f MiB, chunks %d%n",
                    entries, st.streams(), fileBytes / 1048576.0, st.sealedRawBytes() / 1048576.0, st.chunks());
            System.out.printf("compression (zstd level %d, %d KiB chunks): %.1f MiB stored, ratio %.2fx"
                    + " (line bytes / stored bytes)%n", level, chunkBytes >> 10, st.storedBytes() / 1048576.0, st.compressionRatio());
            System.out.printf("load (generate + write file + append): %.1f s%n", loadSec);

            List<StreamRef> refs = store.streams(List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
            LineFilter filter = LineFilter.contains(needle);
            long best = Long.MAX_VALUE;
            long matches = 0;
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                matches = scan(store, refs, filter);
                best = Math.min(best, System.nanoTime() - s);
            }
            double storeMbs = fileBytes / 1e6 / (best / 1e9);
            System.out.printf("store scan (%d scan threads) |= \"%s\": %d matches, best of 5 %.3f s, %.0f MB/s%n", scanThreads, needle, matches,
                    best / 1e9, storeMbs);

            long s = System.nanoTime();
            long viaStrings = scanWithStrings(store, refs, needle);
            double stringSec = (System.nanoTime() - s) / 1e9;
            System.out.printf("store scan building every String then contains(): %d matches, %.3f s, %.0f MB/s%n",
                    viaStrings, stringSec, fileBytes / 1e6 / stringSec);

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
            System.out.printf("store / grep throughput: %.2f%n", storeMbs / grepMbs);
            if (Long.parseLong(grepCount) != matches || viaStrings != matches) {
                throw new IllegalStateException("match counts differ: store " + matches + ", strings " + viaStrings
                        + ", grep " + grepCount);
            }
        }
    }

    private static long scan(LogStore store, List<StreamRef> refs, LineFilter filter) {
        long n = 0;
        for (StreamRef ref : refs) {
            try (EntryCursor c = store.entries(ref, Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, filter)) {
                while (c.next()) {
                    if (!c.line().isEmpty()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static long scanWithStrings(LogStore store, List<StreamRef> refs, String needle) {
        long n = 0;
        for (StreamRef ref : refs) {
            try (EntryCursor c = store.entries(ref, Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)) {
                while (c.next()) {
                    if (c.line().contains(needle)) {
                        n++;
                    }
                }
            }
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
