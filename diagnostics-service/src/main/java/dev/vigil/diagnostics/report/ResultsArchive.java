package dev.vigil.diagnostics.report;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes and reads run archives: gzip'd tar in Sonobuoy's results layout. Entry names are built
 * from path elements joined with {@code /}, never from the platform's separator, so an archive made
 * on Windows reads the same everywhere.
 */
public final class ResultsArchive {
    private ResultsArchive() {
    }

    /** The archive name of a file below {@code root}: its elements joined with {@code /}. */
    public static String entryName(Path root, Path file) {
        Path rel = root.relativize(file);
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    /**
     * Writes every regular file below {@code root} plus {@code extra} entries (name to content) to
     * {@code out}, in name order.
     */
    public static void write(Path root, Map<String, byte[]> extra, OutputStream out) throws IOException {
        Map<String, Path> files = new java.util.TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(p -> files.put(entryName(root, p), p));
            }
        }
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Path> e : files.entrySet()) {
                if (extra.containsKey(e.getKey())) {
                    continue;
                }
                byte[] content = Files.readAllBytes(e.getValue());
                put(tar, e.getKey(), content);
            }
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(extra).entrySet()) {
                put(tar, e.getKey(), e.getValue());
            }
            tar.finish();
        }
    }

    /** Reads every file entry of an archive into memory, in archive order. */
    public static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    out.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return out;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
