package dev.vigil.model.wire;

/**
 * The length a snappy block (the format remote write and Loki push use) says it decompresses
 * to: the little-endian base-128 varint that starts the block. Decompressors allocate that much
 * before they read anything else, so a six-byte body can ask for gigabytes; reading the preamble
 * first lets a receiver refuse it with a 4xx.
 */
public final class SnappyBlock {
    private SnappyBlock() {
    }

    /** The declared decompressed length, or -1 when the block does not start with a valid 32-bit varint. */
    public static long declaredLength(byte[] block) {
        long value = 0;
        for (int i = 0; i < Math.min(block.length, 5); i++) {
            int b = block[i] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value <= 0xffffffffL ? value : -1;
            }
        }
        return -1;
    }
}
