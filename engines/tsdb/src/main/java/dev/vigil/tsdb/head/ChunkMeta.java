package dev.vigil.tsdb.head;

import dev.vigil.tsdb.chunk.ChunkKind;
import dev.vigil.tsdb.disk.Segment;

/**
 * A closed chunk of one series: its time range and where its bytes are. A chunk is born in memory
 * when the head closes it and moves to a segment at the next commit; from then on its bytes are
 * read from the file on demand. Mutated by the writer under the store's write lock only.
 */
public final class ChunkMeta {
    private final ChunkKind kind;
    private final long minTime;
    private final long maxTime;
    private final int count;
    private byte[] bytes;
    private Segment segment;
    private long offset;
    private int length;
    private int recordLength;
    private boolean dropped;

    private ChunkMeta(ChunkKind kind, long minTime, long maxTime, int count) {
        this.kind = kind;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.count = count;
    }

    public static ChunkMeta inMemory(ChunkKind kind, long minTime, long maxTime, int count, byte[] bytes) {
        ChunkMeta m = new ChunkMeta(kind, minTime, maxTime, count);
        m.bytes = bytes;
        return m;
    }

    /** A chunk found in a segment on open; the caller counts it live once it is attached. */
    public static ChunkMeta onDisk(ChunkKind kind, long minTime, long maxTime, int count, Segment segment, long offset,
                                   int length, int recordLength) {
        ChunkMeta m = new ChunkMeta(kind, minTime, maxTime, count);
        m.segment = segment;
        m.offset = offset;
        m.length = length;
        m.recordLength = recordLength;
        return m;
    }

    public ChunkKind kind() {
        return kind;
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    public int count() {
        return count;
    }

    /** The encoded chunk; the caller must not modify it. */
    public byte[] bytes() {
        return bytes != null ? bytes : segment.read(offset, length);
    }

    public boolean inMemory() {
        return bytes != null;
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        return bytes != null ? bytes.length : length;
    }

    /** Records that the bytes now live at {@code offset} in {@code segment}, and frees the copy. */
    public void persisted(Segment segment, long offset, int recordLength) {
        this.segment = segment;
        this.offset = offset;
        this.length = bytes.length;
        this.recordLength = recordLength;
        this.bytes = null;
        segment.addLiveChunk();
    }

    /** Bytes of the segment record holding the chunk, framing included; 0 while in memory. */
    public int recordLength() {
        return bytes != null ? 0 : recordLength;
    }

    public Segment segment() {
        return segment;
    }

    /** Forgets the chunk: it will not be persisted, and its segment may be deleted without it. */
    public void drop() {
        if (!dropped && segment != null) {
            segment.removeLiveChunk();
        }
        dropped = true;
    }

    public boolean dropped() {
        return dropped;
    }

    public boolean overlaps(long mint, long maxt) {
        return maxTime >= mint && minTime <= maxt;
    }
}
