package dev.vigil.logstore.read;

import java.util.ArrayDeque;

/**
 * Reuses decompression buffers among the chunks one cursor opens one after another. Scan workers
 * take buffers while the cursor's thread gives them back, hence the locking.
 */
final class BufferPool {
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /**
     * A buffer of at least {@code size} bytes. A new one gets an eighth more, so that it also fits
     * the next chunks, whose payloads differ by a few bytes around the same target size.
     */
    byte[] take(int size) {
        byte[] b;
        synchronized (this) {
            b = free.pollFirst();
        }
        return b != null && b.length >= size ? b : new byte[size + size / 8];
    }

    synchronized void give(byte[] b) {
        if (free.size() < 4) {
            free.addFirst(b);
        }
    }
}
