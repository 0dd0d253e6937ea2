package dev.vigil.tsdb.chunk;

/**
 * Reads a bit stream written by {@link BitWriter}, most significant bit first, from a byte offset
 * of an array. Reading past the end is a corrupt chunk and fails loudly rather than inventing zeros.
 */
public final class BitReader {
    private final byte[] buf;
    private final long limitBits;
    private long pos;

    public BitReader(byte[] buf, int byteOffset) {
        this.buf = buf;
        this.pos = (long) byteOffset * 8;
        this.limitBits = (long) buf.length * 8;
    }

    public boolean readBit() {
        check(1);
        boolean bit = (buf[(int) (pos >>> 3)] & (0x80 >>> (pos & 7))) != 0;
        pos++;
        return bit;
    }

    /** Reads {@code n} bits (0 to 64) as an unsigned value in the low bits of the result. */
    public long readBits(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count must be 0..64, got " + n);
        }
        check(n);
        long out = 0;
        while (n > 0) {
            int index = (int) (pos >>> 3);
            int avail = 8 - (int) (pos & 7);
            int take = Math.min(avail, n);
            int bits = ((buf[index] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            out = (out << take) | bits;
            n -= take;
            pos += take;
        }
        return out;
    }

    /** Bits consumed since the start of the array. */
    public long position() {
        return pos;
    }

    private void check(int n) {
        if (pos + n > limitBits) {
            throw new IllegalStateException("corrupt chunk: read past end of " + buf.length + " bytes");
        }
    }
}
