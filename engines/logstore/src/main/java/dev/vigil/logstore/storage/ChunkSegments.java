package dev.vigil.logstore.storage;

import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.ByteSource;
import dev.vigil.logstore.chunk.CorruptDataException;
import dev.vigil.logstore.chunk.LabelsCodec;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The sealed chunks of a store, in segment files {@code chunks-NNNNNNNNNNNN.seg}. Each chunk is
 * one frame (see {@link Frames}) whose body is:
 *
 * <pre>
 * byte     1 (record type: chunk)
 * labels   the stream's label set (see LabelsCodec), so every chunk names its stream
 * svarint  minTs, svarint maxTs
 * varint   entries, varint rawBytes, varint lastSeq, varint payloadLength
 * bytes    the zstd frame of the chunk payload (see ChunkCodec), to the end of the body
 * </pre>
 *
 * A new segment is started when the active one passes the target size. Whole segments are deleted
 * by retention once every chunk in them is older than the cutoff. The writer thread owns every
 * method except the reads that go through {@link ChunkRef}.
 */
public final class ChunkSegments implements AutoCloseable {
    static final byte[] MAGIC = "VIGLCHK1".getBytes(StandardCharsets.US_ASCII);
    private static final int TYPE_CHUNK = 1;

    private final Path dir;
    private final long targetBytes;
    private final List<SegmentFile> segments = new ArrayList<>();
    private final ByteSink sink = new ByteSink(1 << 16);
    /** Deleted segments still open for readers that may hold their chunks; closed one retention later. */
    private List<SegmentFile> retired = List.of();
    private SegmentFile active;

    private ChunkSegments(Path dir, long targetBytes) {
        this.dir = dir;
        this.targetBytes = targetBytes;
    }

    /**
     * Opens the segments in {@code dir}, handing every intact chunk to {@code recovered} in file
     * order, and cuts off torn tails.
     */
    public static ChunkSegments open(Path dir, long targetBytes, BiConsumer<Labels, ChunkRef> recovered)
            throws IOException {
        ChunkSegments s = new ChunkSegments(dir, targetBytes);
        for (Path p : list(dir, "chunks-", ".seg")) {
            long id = idOf(p, "chunks-", ".seg");
            if (!SegmentFile.checkMagic(p, MAGIC)) {
                Files.delete(p);
                continue;
            }
            List<Header> found = new ArrayList<>();
            long validEnd;
            try (FrameReader r = new FrameReader(p, MAGIC.length)) {
                while (r.next()) {
                    found.add(decodeHeader(p, r.bodyOffset(), r.body(), r.bodyLength()));
                }
                validEnd = r.validEnd();
            }
            SegmentFile seg = SegmentFile.reopen(p, id, validEnd);
            s.segments.add(seg);
            for (Header h : found) {
                seg.noteTimestamp(h.maxTs);
                recovered.accept(h.labels, new ChunkRef(seg, h.dataOffset, h.dataLength, h.payloadLength, h.minTs,
                        h.maxTs, h.entries, h.rawBytes, h.lastSeq));
            }
        }
        return s;
    }

    private record Header(Labels labels, long dataOffset, int dataLength, int payloadLength, long minTs,
                          long maxTs, int entries, long rawBytes, long lastSeq) {
    }

    private static Header decodeHeader(Path p, long bodyOffset, byte[] body, int len) {
        ByteSource in = new ByteSource(body, 0, len);
        if (in.readByte() != TYPE_CHUNK) {
            throw new CorruptDataException(p + ": unknown record type at " + bodyOffset);
        }
        Labels labels = LabelsCodec.read(in);
        long minTs = in.readSignedVarLong();
        long maxTs = in.readSignedVarLong();
        int entries = in.readVarInt();
        long raw = in.readVarLong();
        long lastSeq = in.readVarLong();
        int payloadLen = in.readVarInt();
        int dataStart = in.position();
        return new Header(labels, bodyOffset + dataStart, len - dataStart, payloadLen, minTs, maxTs, entries, raw,
                lastSeq);
    }

    /** Appends a chunk and returns its reference; the chunk is readable at once. */
    public ChunkRef write(Labels labels, byte[] compressed, int payloadLen, long minTs, long maxTs, int entries,
                          long rawBytes, long lastSeq) throws IOException {
        if (active == null || active.size() >= targetBytes) {
            if (active != null) {
                // Only the active segment is forced on commit, so a full one is made durable
                // before any chunk lands in its successor: a torn tail can then only be in the last.
                active.force();
            }
            active = newSegment();
        }
        sink.clear();
        int start = Frames.begin(sink);
        sink.writeByte(TYPE_CHUNK);
        LabelsCodec.write(sink, labels);
        sink.writeSignedVarLong(minTs);
        sink.writeSignedVarLong(maxTs);
        sink.writeVarInt(entries);
        sink.writeVarLong(rawBytes);
        sink.writeVarLong(lastSeq);
        sink.writeVarInt(payloadLen);
        int dataStart = sink.size();
        sink.writeBytes(compressed);
        Frames.finish(sink, start);
        long at = active.append(sink);
        active.noteTimestamp(maxTs);
        return new ChunkRef(active, at + dataStart, compressed.length, payloadLen, minTs, maxTs, entries, rawBytes,
                lastSeq);
    }

    private SegmentFile newSegment() throws IOException {
        long id = segments.isEmpty() ? 1 : segments.get(segments.size() - 1).id() + 1;
        SegmentFile seg = SegmentFile.create(dir.resolve(String.format("chunks-%012d.seg", id)), id, MAGIC);
        Directories.sync(dir);
        segments.add(seg);
        return seg;
    }

    /** Makes every written chunk durable. */
    public void force() throws IOException {
        if (active != null) {
            active.force();
        }
    }

    /**
     * Deletes the segments whose every chunk is older than {@code cutoff}, except the active one.
     * Their files stay open until the next call, so a query that already holds one of their chunks
     * can finish.
     */
    public void deleteOlderThan(long cutoff) throws IOException {
        for (SegmentFile s : retired) {
            s.close();
        }
        List<SegmentFile> gone = new ArrayList<>();
        for (SegmentFile s : segments) {
            if (s != active && s.maxTs() < cutoff) {
                gone.add(s);
            }
        }
        segments.removeAll(gone);
        for (SegmentFile s : gone) {
            Files.deleteIfExists(s.path());
        }
        if (!gone.isEmpty()) {
            Directories.sync(dir);
        }
        retired = gone;
    }

    /** Number of segment files. */
    public int segmentCount() {
        return segments.size();
    }

    @Override
    public void close() throws IOException {
        for (SegmentFile s : retired) {
            s.close();
        }
        for (SegmentFile s : segments) {
            s.close();
        }
    }

    static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().toList();
        }
    }

    static long idOf(Path p, String prefix, String suffix) throws IOException {
        String n = p.getFileName().toString();
        try {
            return Long.parseLong(n.substring(prefix.length(), n.length() - suffix.length()));
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file name " + p + "; move it out of the store directory", e);
        }
    }
}
