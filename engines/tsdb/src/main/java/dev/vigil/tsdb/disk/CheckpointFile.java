package dev.vigil.tsdb.disk;

import dev.vigil.model.Labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes checkpoint files, {@code checkpoint-NNNNNNNNNNNNNNNNNNNN.ckpt}: an 8-byte magic,
 * the body, then a CRC32C of the body. A checkpoint is written to a temporary file, synced and
 * renamed into place, so a checkpoint under its final name is whole unless the disk damaged it; if
 * the newest one fails its CRC the store falls back to the previous one, which is kept for that
 * reason.
 *
 * <p>Body: generation, retention cutoff, rollup watermark (all 8-byte longs), varint next segment
 * id and next series id, varint segment count and per segment (varint id, 8-byte committed length),
 * then (since {@code VGTCKP02}) the symbol table: varint count and every distinct label name and
 * value once as varint-length UTF-8, then varint series count and per series (varint id, varint
 * label count, each name and value as the varint index of its symbol, 8-byte max time, 8-byte last
 * value bits, varint head chunk length and bytes, varint out-of-order count and per sample 8-byte
 * time and value bits). Label strings repeat across series (metric names, {@code job},
 * {@code instance}), and without the table they were most of a checkpoint's bytes.
 * {@code VGTCKP01} files (labels as strings in every series) are still read.
 */
public final class CheckpointFile {
    private static final byte[] MAGIC = "VGTCKP02".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "VGTCKP01".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{20})\\.ckpt");

    private CheckpointFile() {
    }

    /** A checkpoint read from disk, and how many newer ones were unreadable. */
    public record Loaded(CheckpointData data, Path path, int skippedDamaged) {
    }

    public static Path path(Path dir, long generation) {
        return dir.resolve(String.format("checkpoint-%020d.ckpt", generation));
    }

    /** Writes, syncs and atomically publishes a checkpoint; returns its size in bytes. */
    public static long write(Path dir, CheckpointData data) throws IOException {
        byte[] body = encode(data);
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + body.length + 4);
        buf.put(MAGIC).put(body).putInt(RecordFraming.crc(body)).flip();
        Path tmp = dir.resolve(String.format("checkpoint-%020d.tmp", data.generation()));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, path(dir, data.generation()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        return buf.limit();
    }

    /** The newest intact checkpoint in {@code dir}, if any. */
    public static Optional<Loaded> readLatest(Path dir) throws IOException {
        List<Path> files = list(dir);
        int skipped = 0;
        for (Path p : files) {
            Optional<CheckpointData> data = read(p);
            if (data.isPresent()) {
                return Optional.of(new Loaded(data.get(), p, skipped));
            }
            skipped++;
        }
        return Optional.empty();
    }

    /** Checkpoint files in {@code dir}, newest first. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "checkpoint-*.ckpt")) {
            for (Path p : ds) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return out;
    }

    public static void deleteTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "checkpoint-*.tmp")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void syncDirectory(Path dir) {
        // Makes the rename durable on POSIX file systems; some platforms cannot open a directory,
        // and there the rename is as durable as the platform makes it.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported here
        }
    }

    private static Optional<CheckpointData> read(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length < MAGIC.length + 4) {
            return Optional.empty();
        }
        byte[] magic = Arrays.copyOf(all, MAGIC.length);
        boolean symbols = Arrays.equals(magic, MAGIC);
        if (!symbols && !Arrays.equals(magic, MAGIC_V1)) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(all, MAGIC.length, all.length - 4);
        int crc = ByteBuffer.wrap(all, all.length - 4, 4).getInt();
        if (RecordFraming.crc(body) != crc) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(ByteBuffer.wrap(body), symbols));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] encode(CheckpointData d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        Varints.putLong(out, d.generation());
        Varints.putLong(out, d.retentionCutoff());
        Varints.putLong(out, d.rollupWatermark());
        Varints.put(out, d.nextSegmentId());
        Varints.put(out, d.nextSeriesId());
        Varints.put(out, d.segments().size());
        for (CheckpointData.SegmentLength s : d.segments()) {
            Varints.put(out, s.id());
            Varints.putLong(out, s.length());
        }
        Map<String, Integer> symbols = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (SeriesState s : d.series()) {
            for (int i = 0; i < s.labels().size(); i++) {
                for (String sym : new String[]{s.labels().name(i), s.labels().value(i)}) {
                    if (symbols.putIfAbsent(sym, table.size()) == null) {
                        table.add(sym);
                    }
                }
            }
        }
        Varints.put(out, table.size());
        for (String sym : table) {
            Varints.putString(out, sym);
        }
        Varints.put(out, d.series().size());
        for (SeriesState s : d.series()) {
            Varints.put(out, s.id());
            Varints.put(out, s.labels().size());
            for (int i = 0; i < s.labels().size(); i++) {
                Varints.put(out, symbols.get(s.labels().name(i)));
                Varints.put(out, symbols.get(s.labels().value(i)));
            }
            Varints.putLong(out, s.maxTime());
            Varints.putLong(out, s.lastValueBits());
            Varints.put(out, s.headChunk().length);
            out.writeBytes(s.headChunk());
            Varints.put(out, s.oooTimes().length);
            for (int i = 0; i < s.oooTimes().length; i++) {
                Varints.putLong(out, s.oooTimes()[i]);
                Varints.putLong(out, Double.doubleToRawLongBits(s.oooValues()[i]));
            }
        }
        return out.toByteArray();
    }

    private static CheckpointData decode(ByteBuffer in, boolean symbols) {
        long generation = in.getLong();
        long cutoff = in.getLong();
        long watermark = in.getLong();
        int nextSegment = Varints.getInt(in);
        int nextSeries = Varints.getInt(in);
        int segCount = Varints.getInt(in);
        List<CheckpointData.SegmentLength> segments = new ArrayList<>(segCount);
        for (int i = 0; i < segCount; i++) {
            segments.add(new CheckpointData.SegmentLength(Varints.getInt(in), in.getLong()));
        }
        String[] table = new String[0];
        if (symbols) {
            table = new String[Varints.getInt(in)];
            for (int i = 0; i < table.length; i++) {
                table[i] = Varints.getString(in);
            }
        }
        int seriesCount = Varints.getInt(in);
        List<SeriesState> series = new ArrayList<>(seriesCount);
        for (int i = 0; i < seriesCount; i++) {
            int id = Varints.getInt(in);
            int labelCount = Varints.getInt(in);
            String[] kv = new String[labelCount * 2];
            for (int j = 0; j < kv.length; j++) {
                kv[j] = symbols ? table[Varints.getInt(in)] : Varints.getString(in);
            }
            long maxTime = in.getLong();
            long lastBits = in.getLong();
            byte[] head = new byte[Varints.getInt(in)];
            in.get(head);
            int ooo = Varints.getInt(in);
            long[] ts = new long[ooo];
            double[] vs = new double[ooo];
            for (int j = 0; j < ooo; j++) {
                ts[j] = in.getLong();
                vs[j] = Double.longBitsToDouble(in.getLong());
            }
            series.add(new SeriesState(id, Labels.of(kv), maxTime, lastBits, head, ts, vs));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes in checkpoint");
        }
        return new CheckpointData(generation, cutoff, watermark, nextSegment, nextSeries, segments, series);
    }

    /** The generation in a checkpoint file name. */
    public static long generation(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file: " + p);
        }
        return Long.parseLong(m.group(1));
    }
}
