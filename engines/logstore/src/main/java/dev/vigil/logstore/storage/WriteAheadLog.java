package dev.vigil.logstore.storage;

import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.ByteSource;
import dev.vigil.logstore.chunk.CorruptDataException;
import dev.vigil.logstore.chunk.LabelsCodec;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead log of entries not yet sealed in chunks, in files {@code wal-NNNNNNNNNNNN.log}.
 * Each record is a frame (see {@link Frames}) whose body is one of:
 *
 * <pre>
 * byte 1, varint streamId, labels                       defines a stream id within this file
 * byte 2, varint streamId, varint seq, long ts,
 *         varint lineLength, line bytes, labels          one entry; metadata as labels
 * </pre>
 *
 * Every entry carries its store-wide sequence number, and every chunk records the largest
 * sequence number it holds, so replay skips whatever a durable chunk already has; the log and
 * the chunk segments therefore need no ordering between their writes. A checkpoint starts a new
 * file holding only the entries still open and then deletes the older files, which keeps the log
 * about as large as the open chunks.
 */
public final class WriteAheadLog implements AutoCloseable {
    static final byte[] MAGIC = "VIGLWAL1".getBytes(StandardCharsets.US_ASCII);
    private static final int TYPE_STREAM = 1;
    private static final int TYPE_ENTRY = 2;
    private static final int FLUSH_BYTES = 1 << 20;

    /** Receives the entries found by {@link #open}. */
    @FunctionalInterface
    public interface Replay {
        void entry(Labels stream, long seq, long ts, byte[] line, Labels metadata);
    }

    private final Path dir;
    private final List<SegmentFile> files = new ArrayList<>();
    private final ByteSink buffer = new ByteSink(FLUSH_BYTES + (1 << 16));
    private BitSet defined = new BitSet();
    private SegmentFile active;
    private long bytesSinceCheckpoint;

    private WriteAheadLog(Path dir) {
        this.dir = dir;
    }

    /**
     * Replays every intact entry of the log files in {@code dir}, oldest file first. Reading a file
     * stops at its first torn or corrupt frame. Call {@link #checkpoint} before appending.
     */
    public static WriteAheadLog open(Path dir, Replay replay) throws IOException {
        WriteAheadLog wal = new WriteAheadLog(dir);
        for (Path p : ChunkSegments.list(dir, "wal-", ".log")) {
            long id = ChunkSegments.idOf(p, "wal-", ".log");
            if (!SegmentFile.checkMagic(p, MAGIC)) {
                Files.delete(p);
                continue;
            }
            Map<Integer, Labels> streams = new HashMap<>();
            try (FrameReader r = new FrameReader(p, MAGIC.length)) {
                while (r.next()) {
                    if (!replayRecord(r.body(), r.bodyLength(), streams, replay)) {
                        break;
                    }
                }
            }
            wal.files.add(SegmentFile.reopen(p, id, Files.size(p)));
        }
        return wal;
    }

    private static boolean replayRecord(byte[] body, int len, Map<Integer, Labels> streams, Replay replay) {
        try {
            ByteSource in = new ByteSource(body, 0, len);
            int type = in.readByte();
            int streamId = in.readVarInt();
            if (type == TYPE_STREAM) {
                streams.put(streamId, LabelsCodec.read(in));
                return true;
            }
            Labels labels = streams.get(streamId);
            if (type != TYPE_ENTRY || labels == null) {
                return false;
            }
            long seq = in.readVarLong();
            long ts = in.readLong();
            int lineLen = in.readVarInt();
            int at = in.skip(lineLen);
            byte[] line = Arrays.copyOfRange(body, at, at + lineLen);
            replay.entry(labels, seq, ts, line, LabelsCodec.read(in));
            return true;
        } catch (CorruptDataException e) {
            // A frame with a good checksum that does not parse was written by something else; the
            // prefix before it is still good, so treat it like a torn tail.
            return false;
        }
    }

    /**
     * Buffers one entry; it reaches the file when the buffer fills or on {@link #sync()}. When
     * that write fails (a full disk) the entry is taken back out, so the log holds it only if the
     * call returned and a retry logs it once.
     */
    public void append(int streamId, Labels labels, long seq, long ts, byte[] line, Labels metadata)
            throws IOException {
        int mark = buffer.size();
        boolean newStream = !defined.get(streamId);
        write(streamId, labels, seq, ts, line, metadata);
        if (buffer.size() >= FLUSH_BYTES) {
            try {
                flush();
            } catch (IOException e) {
                buffer.truncate(mark);
                if (newStream) {
                    defined.clear(streamId);
                }
                throw e;
            }
        }
    }

    private void write(int streamId, Labels labels, long seq, long ts, byte[] line, Labels metadata) {
        if (!defined.get(streamId)) {
            int s = Frames.begin(buffer);
            buffer.writeByte(TYPE_STREAM);
            buffer.writeVarInt(streamId);
            LabelsCodec.write(buffer, labels);
            Frames.finish(buffer, s);
            defined.set(streamId);
        }
        int s = Frames.begin(buffer);
        buffer.writeByte(TYPE_ENTRY);
        buffer.writeVarInt(streamId);
        buffer.writeVarLong(seq);
        buffer.writeLong(ts);
        buffer.writeVarInt(line.length);
        buffer.writeBytes(line);
        LabelsCodec.write(buffer, metadata);
        Frames.finish(buffer, s);
    }

    private void flush() throws IOException {
        if (buffer.size() > 0) {
            active.append(buffer);
            bytesSinceCheckpoint += buffer.size();
            buffer.clear();
        }
    }

    /** Makes every appended entry durable. */
    public void sync() throws IOException {
        flush();
        active.force();
    }

    /** Bytes written since the last checkpoint. */
    public long bytesSinceCheckpoint() {
        return bytesSinceCheckpoint + buffer.size();
    }

    /**
     * Starts a new file holding exactly {@code open} (the entries not in durable chunks), makes it
     * durable and deletes the older files. The caller must have made its chunks durable first.
     */
    public void checkpoint(List<WalStream> open) throws IOException {
        flush();
        long id = files.isEmpty() ? 1 : files.get(files.size() - 1).id() + 1;
        SegmentFile next = SegmentFile.create(dir.resolve(String.format("wal-%012d.log", id)), id, MAGIC);
        List<SegmentFile> old = new ArrayList<>(files);
        SegmentFile wasActive = active;
        BitSet wasDefined = defined;
        files.clear();
        files.add(next);
        active = next;
        defined = new BitSet();
        try {
            for (WalStream s : open) {
                HeadSnapshot h = s.head();
                for (int i = 0; i < h.size(); i++) {
                    append(s.id(), s.labels(), h.seqs()[i], h.ts()[i], h.lines()[i], h.meta()[i]);
                }
            }
            sync();
            // The new file's name must be durable before the files it replaces disappear.
            Directories.sync(dir);
        } catch (IOException e) {
            // A full disk: the old files stay the log, the new one goes, and a later commit tries again.
            buffer.clear();
            files.clear();
            files.addAll(old);
            active = wasActive;
            defined = wasDefined;
            next.close();
            Files.deleteIfExists(next.path());
            throw e;
        }
        for (SegmentFile f : old) {
            f.close();
            Files.deleteIfExists(f.path());
        }
        Directories.sync(dir);
        bytesSinceCheckpoint = 0;
    }

    @Override
    public void close() throws IOException {
        for (SegmentFile f : files) {
            f.close();
        }
    }
}
