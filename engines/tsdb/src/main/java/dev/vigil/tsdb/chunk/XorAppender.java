package dev.vigil.tsdb.chunk;

import java.util.Arrays;

/**
 * Appends samples to an open Gorilla chunk. Timestamps must be given in increasing order (the
 * head checks that); the appender only encodes. Not thread-safe: one writer, and readers take
 * {@link #toChunk()} copies.
 */
public final class XorAppender {
    private final BitWriter writer;
    private final DeltaOfDelta.Encoder times = new DeltaOfDelta.Encoder();
    private final XorValues.Encoder values = new XorValues.Encoder();
    private int count;

    public XorAppender() {
        this.writer = new BitWriter();
    }

    private XorAppender(BitWriter writer) {
        this.writer = writer;
    }

    /** An appender that continues an existing chunk, as after a restart. */
    public static XorAppender resume(XorChunk chunk) {
        XorIterator it = chunk.iterator();
        long prevT = 0;
        while (it.next()) {
            prevT = it.timestamp();
        }
        byte[] all = chunk.bytes();
        long bits = it.reader().position() - XorChunk.HEADER_BYTES * 8L;
        BitWriter w = BitWriter.resume(Arrays.copyOfRange(all, XorChunk.HEADER_BYTES, all.length), bits);
        XorAppender a = new XorAppender(w);
        a.count = it.read();
        if (a.count > 0) {
            a.times.restore(a.count, prevT, it.times().delta());
            a.values.restore(a.count, it.values().bits(), it.values().leading(), it.values().trailing());
        }
        return a;
    }

    public void append(long t, double v) {
        if (count >= XorChunk.MAX_SAMPLES) {
            throw new IllegalStateException("chunk is full at " + count + " samples");
        }
        times.write(writer, t);
        values.write(writer, v);
        count++;
    }

    public int count() {
        return count;
    }

    /** Encoded size in bytes so far, header included. */
    public int sizeBytes() {
        return XorChunk.HEADER_BYTES + (int) ((writer.bitLength() + 7) >>> 3);
    }

    /** An immutable copy of what has been appended. */
    public XorChunk toChunk() {
        byte[] stream = writer.toByteArray();
        byte[] out = new byte[XorChunk.HEADER_BYTES + stream.length];
        out[0] = (byte) (count >>> 8);
        out[1] = (byte) count;
        System.arraycopy(stream, 0, out, XorChunk.HEADER_BYTES, stream.length);
        return XorChunk.own(out);
    }
}
