package dev.vigil.logstore.chunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the varint and fixed-width writes that chunks and logs use. */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buf;
    }

    public void clear() {
        size = 0;
    }

    /** Drops what was written after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot cut " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    /** Unsigned LEB128. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeVarInt(int v) {
        writeVarLong(v & 0xFFFFFFFFL);
    }

    /** Zig-zag then LEB128, so small negative numbers stay short. */
    public void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    public void writeLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
    }

    public void writeInt(int v) {
        ensure(4);
        for (int i = 3; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
    }

    /** Overwrites four bytes at {@code pos} (for lengths and checksums filled in afterwards). */
    public void setInt(int pos, int v) {
        for (int i = 0; i < 4; i++) {
            buf[pos + i] = (byte) (v >>> ((3 - i) * 8));
        }
    }

    /** Varint length then UTF-8 bytes. */
    public void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(b.length);
        writeBytes(b);
    }
}
