package dev.vigil.tsdb.chunk;

import java.util.Arrays;

/**
 * An immutable Gorilla chunk: one series' samples in time order.
 *
 * <pre>
 *   bytes 0-1   sample count, unsigned big-endian
 *   then bits   per sample: its timestamp ({@link DeltaOfDelta}) then its value ({@link XorValues}),
 *               interleaved so a reader decodes one sample at a time and can stop early
 * </pre>
 *
 * The count comes first because the bit stream has no terminator and is padded to a byte; the
 * first timestamp therefore sits at bytes 2-9, which lets a reader learn a chunk's start without
 * decoding it. Written by {@link XorAppender}, read by {@link XorIterator}.
 */
public final class XorChunk implements SampleChunk {
    /** Bytes before the bit stream. */
    public static final int HEADER_BYTES = 2;
    /** The largest number of samples the count field holds. */
    public static final int MAX_SAMPLES = 0xFFFF;

    private final byte[] bytes;

    private XorChunk(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A chunk over encoded bytes (copied). */
    public static XorChunk of(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("chunk needs at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        return new XorChunk(bytes.clone());
    }

    static XorChunk own(byte[] bytes) {
        return new XorChunk(bytes);
    }

    @Override
    public ChunkKind kind() {
        return ChunkKind.XOR;
    }

    @Override
    public int count() {
        return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    }

    @Override
    public int sizeBytes() {
        return bytes.length;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public XorIterator iterator() {
        return new XorIterator(bytes, count());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XorChunk c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "XorChunk[" + count() + " samples, " + bytes.length + " bytes]";
    }
}
