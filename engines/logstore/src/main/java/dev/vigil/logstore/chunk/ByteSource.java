package dev.vigil.logstore.chunk;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote. Reading past the end throws {@link CorruptDataException}, so
 * a damaged record is reported instead of crashing the reader with an index error.
 */
public final class ByteSource {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteSource(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new CorruptDataException("record ends early: need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptDataException("varint longer than 10 bytes");
    }

    public int readVarInt() {
        long v = readVarLong();
        if (v > Integer.MAX_VALUE) {
            throw new CorruptDataException("varint " + v + " does not fit a length");
        }
        return (int) v;
    }

    public long readSignedVarLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public String readString() {
        int len = readVarInt();
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** Skips {@code n} bytes, returning the offset where they start. */
    public int skip(int n) {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }
}
