package dev.vigil.tsdb.chunk;

import java.util.Arrays;

/**
 * An append-only bit stream, most significant bit first. Gorilla encodings spend fractions of a
 * byte per sample, so everything above this class speaks bits, and bytes appear only when a
 * chunk is copied out.
 */
public final class BitWriter {
    private byte[] buf;
    private long bitLength;

    public BitWriter() {
        this(new byte[32], 0);
    }

    private BitWriter(byte[] buf, long bitLength) {
        this.buf = buf;
        this.bitLength = bitLength;
    }

    /**
     * Continues a stream written earlier: {@code bytes} holds at least {@code bitLength} bits; bits
     * past that length are cleared so later writes can OR into the last byte.
     */
    public static BitWriter resume(byte[] bytes, long bitLength) {
        int used = (int) ((bitLength + 7) >>> 3);
        if (used > bytes.length) {
            throw new IllegalArgumentException("bit length " + bitLength + " exceeds " + bytes.length + " bytes");
        }
        byte[] copy = Arrays.copyOf(bytes, Math.max(32, used * 2));
        Arrays.fill(copy, used, copy.length, (byte) 0);
        int tailBits = (int) (bitLength & 7);
        if (tailBits != 0) {
            copy[used - 1] &= (byte) (0xFF << (8 - tailBits));
        }
        return new BitWriter(copy, bitLength);
    }

    public void writeBit(boolean bit) {
        int index = (int) (bitLength >>> 3);
        ensure(index);
        if (bit) {
            buf[index] |= (byte) (0x80 >>> (bitLength & 7));
        }
        bitLength++;
    }

    /** Writes the low {@code n} bits of {@code value} (0 to 64), most significant first. */
    public void writeBits(long value, int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count must be 0..64, got " + n);
        }
        while (n > 0) {
            int index = (int) (bitLength >>> 3);
            ensure(index);
            int free = 8 - (int) (bitLength & 7);
            int take = Math.min(free, n);
            int bits = (int) ((value >>> (n - take)) & ((1L << take) - 1));
            buf[index] |= (byte) (bits << (free - take));
            n -= take;
            bitLength += take;
        }
    }

    public long bitLength() {
        return bitLength;
    }

    /** The bytes written so far; the last byte is zero-padded. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bitLength + 7) >>> 3));
    }

    private void ensure(int index) {
        if (index >= buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }
}
