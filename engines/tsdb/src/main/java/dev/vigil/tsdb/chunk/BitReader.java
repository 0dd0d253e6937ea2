package dev.vigil.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a bit stream written by {@link BitWriter}, most significant bit first, from a byte offset
 * of an array. Reading past the end is a corrupt chunk and fails loudly rather than inventing zeros.
 */
public final class BitReader {
    /** Eight bytes as one big-endian long: a read of up to 64 bits is one or two loads, not a loop per byte. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
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
        if (n == 0) {
            return 0;
        }
        int index = (int) (pos >>> 3);
        if (index + 8 < buf.length) {
            // the 64 bits from pos: the long at the byte, shifted, topped up from the ninth byte
            int shift = (int) (pos & 7);
            long word = (long) LONG_BE.get(buf, index) << shift;
            if (shift > 0) {
                word |= (buf[index + 8] & 0xFFL) >>> (8 - shift);
            }
            pos += n;
            return word >>> (64 - n);
        }
        long out = 0;
        while (n > 0) {
            index = (int) (pos >>> 3);
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
