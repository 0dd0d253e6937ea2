package dev.vigil.collector.spool;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded on-disk queue of Kafka records for riding out broker outages: records the producer
 * could not deliver are {@link #append appended}, and {@link #drainOnce drained} oldest first
 * once the broker is back.
 *
 * <p>Layout: numbered segment files ({@link SegmentFormat}: length + CRC framing) and a
 * {@code head} file naming the first undelivered record, replaced atomically after each
 * delivered batch. On open, a record torn by a crash at the end of the last segment is cut off;
 * delivery is at-least-once (a crash between sending and saving the head resends one batch,
 * which the stores' idempotent writes absorb).
 *
 * <p>Bound: the segment files never exceed {@code maxBytes}. When a record does not fit, the
 * <em>oldest</em> segment is dropped and its records counted in {@link #droppedRecords()}: after an
 * outage the freshest data is what alerts and dashboards need, and dropping at the head keeps the
 * producer's path a plain append that never blocks. A record larger than the whole spool is
 * dropped on its own (also counted).
 *
 * <p>Appends and counters are thread-safe; {@code drainOnce} must not run concurrently with
 * itself. The sender runs without holding the spool's lock, so appends go on while a batch is
 * in flight.
 */
public final class DiskSpool implements AutoCloseable {
    /** Delivers a batch synchronously; throwing means not delivered. */
    @FunctionalInterface
    public interface Sender {
        void send(List<SpoolRecord> batch) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(DiskSpool.class);
    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\.seg");
    private static final String HEAD = "head";

    private static final class Segment {
        final long seq;
        final Path path;
        final FileChannel channel;
        long size;
        long records;

        Segment(long seq, Path path, FileChannel channel, long size, long records) {
            this.seq = seq;
            this.path = path;
            this.channel = channel;
            this.size = size;
            this.records = records;
        }
    }

    private record Pending(SpoolRecord record, long seq, long end) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long headOffset;
    private long records;
    private long bytes;
    private long droppedRecords;
    private long droppedBytes;
    private boolean draining;

    private DiskSpool(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    /** Opens (or creates) a spool in {@code dir} holding at most {@code maxBytes}, in segments of an eighth of that. */
    public static DiskSpool open(Path dir, long maxBytes) throws IOException {
        return open(dir, maxBytes, Math.max(SegmentFormat.HEADER + 1024, Math.min(64L << 20, maxBytes / 8)));
    }

    /** Opens (or creates) a spool with an explicit segment size. */
    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        if (segmentBytes <= SegmentFormat.HEADER || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("spool segment size must be in (" + SegmentFormat.HEADER + ", maxBytes="
                    + maxBytes + "], got " + segmentBytes);
        }
        DiskSpool spool = new DiskSpool(dir, maxBytes, segmentBytes);
        spool.load();
        return spool;
    }

    /** Appends one record; false if it was dropped because it is larger than the whole spool. */
    public synchronized boolean append(SpoolRecord record) throws IOException {
        return appendAll(List.of(record)) == 1;
    }

    /** Appends records in order and syncs them to disk once; returns how many were kept. */
    public synchronized int appendAll(List<SpoolRecord> batch) throws IOException {
        int kept = 0;
        for (SpoolRecord r : batch) {
            int size = r.framedSize();
            if (size + SegmentFormat.HEADER > maxBytes) {
                droppedRecords++;
                droppedBytes += size;
                continue;
            }
            Segment tail = segments.peekLast();
            if (tail.size > SegmentFormat.HEADER && tail.size + size > segmentBytes) {
                tail = roll();
            }
            while (bytes + size > maxBytes && segments.size() > 1) {
                dropOldest();
            }
            ByteBuffer encoded = SegmentFormat.encode(r);
            while (encoded.hasRemaining()) {
                tail.channel.write(encoded, tail.size + encoded.position());
            }
            tail.size += size;
            tail.records++;
            records++;
            bytes += size;
            kept++;
        }
        segments.peekLast().channel.force(false);
        return kept;
    }

    /**
     * Sends up to {@code maxRecords} of the oldest records and, once the sender returns, forgets
     * them. Returns how many were sent (0 when the spool is empty); a sender exception
     * propagates and leaves the records in place.
     */
    public int drainOnce(int maxRecords, Sender sender) throws Exception {
        List<Pending> batch;
        synchronized (this) {
            if (draining) {
                throw new IllegalStateException("drainOnce is already running");
            }
            batch = peek(maxRecords);
            if (batch.isEmpty()) {
                return 0;
            }
            draining = true;
        }
        try {
            sender.send(batch.stream().map(Pending::record).toList());
            synchronized (this) {
                commit(batch);
            }
            return batch.size();
        } finally {
            synchronized (this) {
                draining = false;
            }
        }
    }

    /** Records waiting to be delivered. */
    public synchronized long size() {
        return records;
    }

    /** Bytes of segment files on disk. */
    public synchronized long sizeBytes() {
        return bytes;
    }

    /** Records dropped so far because the spool was full (or a record was larger than it). */
    public synchronized long droppedRecords() {
        return droppedRecords;
    }

    /** Framed bytes of the dropped records. */
    public synchronized long droppedBytes() {
        return droppedBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        for (Segment s : segments) {
            s.channel.close();
        }
        segments.clear();
    }

    private void load() throws IOException {
        Files.createDirectories(dir);
        long[] head = readHead();
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : files) {
                Matcher m = SEGMENT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), p);
                }
            }
        }
        long nextSeq = found.isEmpty() ? head[0] : found.lastKey() + 1;
        for (var e : found.entrySet()) {
            long seq = e.getKey();
            Path path = e.getValue();
            if (seq < head[0]) {
                Files.delete(path); // delivered before the last shutdown
                continue;
            }
            boolean last = seq == found.lastKey();
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (!SegmentFormat.hasValidHeader(ch)) {
                ch.close();
                LOG.warn("spool segment " + path + " has no valid header; deleting it");
                Files.delete(path);
                continue;
            }
            long start = segments.isEmpty() && seq == head[0] ? Math.max(head[1], SegmentFormat.HEADER) : SegmentFormat.HEADER;
            long fileSize = ch.size();
            long end = SegmentFormat.HEADER;
            long remaining = 0;
            for (Optional<SegmentFormat.Read> r = SegmentFormat.read(ch, end, fileSize); r.isPresent();
                    r = SegmentFormat.read(ch, end, fileSize)) {
                end = r.get().end();
                if (end > start) {
                    remaining++;
                }
            }
            if (end < fileSize) {
                if (last) {
                    ch.truncate(end); // a write torn by a crash
                } else {
                    LOG.warn("spool segment " + path + " is corrupt after offset " + end
                            + "; the records after it are lost");
                }
            }
            if (segments.isEmpty()) {
                headOffset = Math.min(start, end);
            }
            segments.addLast(new Segment(seq, path, ch, end, remaining));
            records += remaining;
            bytes += end;
        }
        if (segments.isEmpty()) {
            headOffset = SegmentFormat.HEADER;
            newSegment(nextSeq);
        }
    }

    private List<Pending> peek(int maxRecords) throws IOException {
        List<Pending> out = new ArrayList<>();
        long offset = headOffset;
        for (Segment s : segments) {
            while (out.size() < maxRecords) {
                Optional<SegmentFormat.Read> r = SegmentFormat.read(s.channel, offset, s.size);
                if (r.isEmpty()) {
                    break;
                }
                out.add(new Pending(r.get().record(), s.seq, r.get().end()));
                offset = r.get().end();
            }
            if (out.size() >= maxRecords) {
                break;
            }
            offset = SegmentFormat.HEADER;
        }
        return out;
    }

    private void commit(List<Pending> batch) throws IOException {
        for (Pending p : batch) {
            // A segment read to its end while it was the tail is removed once a newer one follows it.
            while (segments.peekFirst() != segments.peekLast() && headOffset >= segments.peekFirst().size) {
                removeFirst();
            }
            Segment first = segments.peekFirst();
            // Records of a segment dropped while the batch was in flight were already counted as dropped.
            if (p.seq() != first.seq || p.end() <= headOffset) {
                continue;
            }
            first.records--;
            records--;
            headOffset = p.end();
            if (headOffset >= first.size && first != segments.peekLast()) {
                removeFirst();
            }
        }
        Segment only = segments.peekFirst();
        if (records == 0 && only == segments.peekLast() && only.size > SegmentFormat.HEADER) {
            // Everything delivered: give the disk space back instead of waiting for the next roll.
            only.channel.truncate(SegmentFormat.HEADER);
            bytes -= only.size - SegmentFormat.HEADER;
            only.size = SegmentFormat.HEADER;
            headOffset = SegmentFormat.HEADER;
        }
        writeHead();
    }

    private void dropOldest() throws IOException {
        Segment first = segments.peekFirst();
        droppedRecords += first.records;
        droppedBytes += first.size - headOffset;
        records -= first.records;
        removeFirst();
        writeHead();
    }

    private void removeFirst() throws IOException {
        Segment first = segments.removeFirst();
        bytes -= first.size;
        first.channel.close();
        Files.deleteIfExists(first.path);
        headOffset = SegmentFormat.HEADER;
    }

    private Segment roll() throws IOException {
        return newSegment(segments.peekLast().seq + 1);
    }

    private Segment newSegment(long seq) throws IOException {
        Path path = dir.resolve(String.format("%020d.seg", seq));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer header = SegmentFormat.header();
        while (header.hasRemaining()) {
            ch.write(header, header.position());
        }
        Segment s = new Segment(seq, path, ch, SegmentFormat.HEADER, 0);
        segments.addLast(s);
        bytes += SegmentFormat.HEADER;
        return s;
    }

    /** {@code [segment, offset]} of the first undelivered record; {@code [0, 0]} when never saved. */
    private long[] readHead() throws IOException {
        try {
            String[] parts = Files.readString(dir.resolve(HEAD), StandardCharsets.UTF_8).trim().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (NoSuchFileException e) {
            return new long[] {0, 0};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            LOG.warn("spool head file in " + dir + " is unreadable; resending from the oldest segment");
            return new long[] {0, 0};
        }
    }

    private void writeHead() throws IOException {
        Path tmp = dir.resolve(HEAD + ".tmp");
        Files.writeString(tmp, segments.peekFirst().seq + " " + headOffset + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
