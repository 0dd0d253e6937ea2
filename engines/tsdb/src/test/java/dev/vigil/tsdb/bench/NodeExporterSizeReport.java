package dev.vigil.tsdb.bench;

import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.TsdbStats;
import dev.vigil.tsdb.chunk.ChunkKind;
import dev.vigil.tsdb.chunk.SampleChunk;
import dev.vigil.tsdb.chunk.SampleChunks;
import dev.vigil.tsdb.chunk.XorAppender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures bytes per sample on disk for {@link NodeExporterData}: appends every scrape of the
 * given number of series over the given hours into a fresh store, commits, and prints chunk bytes
 * per sample (segment records, per-chunk header and framing included, index excluded), all files
 * per sample (segments plus the checkpoint with the series table), and for each value shape the
 * chunk data per sample (in the encoding each chunk is stored in) and the share of chunks stored as
 * decimal chunks. Arguments: [series=10000] [hours=2] [chunk target samples=120].
 */
public final class NodeExporterSizeReport {
    private NodeExporterSizeReport() {
    }

    public static void main(String[] args) throws IOException {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int chunkSamples = args.length > 2 ? Integer.parseInt(args[2]) : TsdbOptions.DEFAULTS.chunkTargetSamples();
        TsdbOptions options = TsdbOptions.DEFAULTS.withChunkTargetSamples(chunkSamples);
        int scrapes = (int) Math.round(hours * 3_600_000 / NodeExporterData.INTERVAL_MS);
        NodeExporterData data = new NodeExporterData(series, 1);
        Path dir = Files.createTempDirectory("vigil-tsdb-size");
        long start = 1_700_000_000_000L;
        Map<NodeExporterData.Shape, long[]> perShape = new EnumMap<>(NodeExporterData.Shape.class);
        XorAppender[] shadow = new XorAppender[series];
        try (Tsdb db = Tsdb.open(dir, options)) {
            for (int n = 0; n < scrapes; n++) {
                for (int i = 0; i < series; i++) {
                    long t = data.timestamp(i, n, start);
                    double v = data.next(i);
                    db.append(data.labels(i), t, v);
                    if (shadow[i] == null) {
                        shadow[i] = new XorAppender();
                    }
                    shadow[i].append(t, v);
                    if (shadow[i].count() == chunkSamples || n == scrapes - 1) {
                        // a full chunk is closed (and maybe re-encoded); the last partial one stays an open head
                        SampleChunk c = shadow[i].count() == chunkSamples ? SampleChunks.closed(shadow[i].toChunk())
                                : shadow[i].toChunk();
                        long[] acc = perShape.computeIfAbsent(data.shape(i), k -> new long[4]);
                        acc[0] += c.sizeBytes();
                        acc[1] += c.count();
                        acc[2] += c.kind() == ChunkKind.DECIMAL ? 1 : 0;
                        acc[3]++;
                        shadow[i] = null;
                    }
                }
            }
            db.commit();
            TsdbStats s = db.stats();
            long samples = s.rawSamples();
            long chunkBytes = s.diskChunkBytes() + s.memoryChunkBytes();
            System.out.printf("series=%d scrapes=%d samples=%d chunk target=%d samples%n", s.series(), scrapes, samples, chunkSamples);
            System.out.printf("chunk bytes (records incl. per-chunk header) = %d -> %.3f bytes/sample%n",
                    chunkBytes, (double) chunkBytes / samples);
            System.out.printf("head bytes still open (in checkpoint)        = %d%n", s.memoryChunkBytes());
            System.out.printf("all files (segments + checkpoint/index)      = %d -> %.3f bytes/sample%n",
                    s.diskTotalBytes(), (double) s.diskTotalBytes() / samples);
            for (Map.Entry<NodeExporterData.Shape, long[]> e : perShape.entrySet()) {
                long[] acc = e.getValue();
                System.out.printf("  %-14s %6.1f%% of samples  %.3f bytes/sample (chunk data)  %5.1f%% of chunks decimal%n",
                        e.getKey(), 100.0 * acc[1] / samples, (double) acc[0] / acc[1], 100.0 * acc[2] / acc[3]);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
