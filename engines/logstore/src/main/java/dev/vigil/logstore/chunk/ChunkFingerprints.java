package dev.vigil.logstore.chunk;

/**
 * Timestamps and line hashes of a sealed chunk: what a duplicate check needs, at 16 bytes an
 * entry instead of the whole decompressed chunk, so many chunks can stay cached while a replay
 * walks through them.
 */
public final class ChunkFingerprints {
    private final long[] ts;
    private final long[] hashes;

    private ChunkFingerprints(long[] ts, long[] hashes) {
        this.ts = ts;
        this.hashes = hashes;
    }

    public static ChunkFingerprints of(DecodedChunk chunk) {
        int n = chunk.size();
        long[] ts = new long[n];
        long[] hashes = new long[n];
        byte[] buf = chunk.buffer();
        for (int i = 0; i < n; i++) {
            ts[i] = chunk.timestamp(i);
            hashes[i] = LineHash.of(buf, chunk.lineStart(i), chunk.lineEnd(i) - chunk.lineStart(i));
        }
        return new ChunkFingerprints(ts, hashes);
    }

    /** Whether the chunk holds an entry at {@code t} whose line hashes to {@code hash}. */
    public boolean contains(long t, long hash) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < ts.length && ts[i] == t; i++) {
            if (hashes[i] == hash) {
                return true;
            }
        }
        return false;
    }
}
