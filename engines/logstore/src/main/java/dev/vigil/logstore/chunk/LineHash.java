package dev.vigil.logstore.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit hash of line bytes, for duplicate checks against sealed chunks. Not meant to
 * resist crafted collisions: a false duplicate needs the same stream, the same nanosecond and a
 * 64-bit collision.
 */
public final class LineHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private LineHash() {
    }

    public static long of(byte[] b, int off, int len) {
        long h = K1 ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = (long) LONGS.get(b, i);
            h = Long.rotateLeft(h ^ (k * K2), 31) * K1;
        }
        long k = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            k |= (b[i] & 0xFFL) << shift;
        }
        h ^= k * K2;
        // Final avalanche (MurmurHash3's fmix64), so that similar lines spread over all bits.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
