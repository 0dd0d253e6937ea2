package dev.vigil.logstore.read;

import java.util.ArrayDeque;

/** Reuses decompression buffers among the chunks one cursor opens one after another. */
final class BufferPool {
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /** A buffer of at least {@code size} bytes, or null to let the decoder allocate one. */
    byte[] take(int size) {
        byte[] b = free.pollFirst();
        return b != null && b.length >= size ? b : null;
    }

    void give(byte[] b) {
        if (free.size() < 4) {
            free.addFirst(b);
        }
    }
}
