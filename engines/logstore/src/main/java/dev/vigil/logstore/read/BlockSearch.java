package dev.vigil.logstore.read;

import dev.vigil.logstore.chunk.DecodedChunk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the entries of a decompressed chunk whose line contains a byte sequence, by searching all
 * the chunk's lines as one block. The block is viewed as a Latin-1 string, one char per byte, so
 * the search runs in the JVM's vectorized {@code String.indexOf}; any UTF-8 needle matches there
 * exactly where its bytes occur.
 */
final class BlockSearch {
    private BlockSearch() {
    }

    /** Ascending indices in {@code [lo, hi)} of entries whose line contains {@code needle} (non-empty). */
    static int[] find(DecodedChunk chunk, int lo, int hi, byte[] needle) {
        if (lo >= hi) {
            return new int[0];
        }
        int start = chunk.lineStart(lo);
        int end = chunk.lineEnd(hi - 1);
        String hay = new String(chunk.buffer(), start, end - start, StandardCharsets.ISO_8859_1);
        String n = new String(needle, StandardCharsets.ISO_8859_1);
        int[] out = new int[16];
        int count = 0;
        int from = 0;
        while (true) {
            int p = hay.indexOf(n, from);
            if (p < 0) {
                break;
            }
            int at = start + p;
            int e = chunk.entryAt(at);
            if (at + needle.length <= chunk.lineEnd(e)) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = e;
                from = chunk.lineEnd(e) - start;
            } else {
                // The match runs across a line boundary; it does not count, but a later one may.
                from = p + 1;
            }
        }
        return Arrays.copyOf(out, count);
    }
}
