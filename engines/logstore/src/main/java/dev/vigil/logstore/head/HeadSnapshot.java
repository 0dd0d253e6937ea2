package dev.vigil.logstore.head;

import dev.vigil.model.Labels;

/**
 * A copy of (part of) an open chunk, sorted by timestamp, that a reader or the chunk cutter can
 * use without holding the stream's lock. Arrays are shared with no one and never modified.
 *
 * @param ts    timestamps
 * @param lines UTF-8 lines
 * @param meta  structured metadata ({@link Labels#EMPTY} when none)
 * @param seqs  store-wide append sequence numbers
 * @param size  number of entries used in the arrays
 */
public record HeadSnapshot(long[] ts, byte[][] lines, Labels[] meta, long[] seqs, int size) {
    public static final HeadSnapshot EMPTY = new HeadSnapshot(new long[0], new byte[0][], new Labels[0], new long[0], 0);

    /** Largest sequence number in the snapshot, or -1 when empty. */
    public long maxSeq() {
        long m = -1;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, seqs[i]);
        }
        return m;
    }
}
