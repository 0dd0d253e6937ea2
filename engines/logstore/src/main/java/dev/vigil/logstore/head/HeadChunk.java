package dev.vigil.logstore.head;

import dev.vigil.model.Labels;
import java.util.Arrays;

/**
 * The open chunk of one stream: entries not yet compressed, kept sorted by timestamp (entries
 * with equal timestamps in append order). Appends are mostly in order, so an insert usually lands
 * at the end; an out-of-order entry shifts the tail. Not thread-safe: the owning stream guards it.
 */
public final class HeadChunk {
    private long[] ts = new long[64];
    private byte[][] lines = new byte[64][];
    private Labels[] meta = new Labels[64];
    private long[] seqs = new long[64];
    private int size;
    private long rawBytes;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Raw bytes (lines and metadata) held. */
    public long rawBytes() {
        return rawBytes;
    }

    public long minTs() {
        return size == 0 ? Long.MAX_VALUE : ts[0];
    }

    public long maxTs() {
        return size == 0 ? Long.MIN_VALUE : ts[size - 1];
    }

    /** Whether an entry with this timestamp and line is held. */
    public boolean contains(long t, byte[] line) {
        for (int i = upperBound(t) - 1; i >= 0 && ts[i] == t; i--) {
            if (Arrays.equals(lines[i], line)) {
                return true;
            }
        }
        return false;
    }

    /** Adds an entry after every entry with a timestamp {@code <= t}. */
    public void insert(long t, byte[] line, Labels metadata, long seq, int raw) {
        if (size == ts.length) {
            int cap = size * 2;
            ts = Arrays.copyOf(ts, cap);
            lines = Arrays.copyOf(lines, cap);
            meta = Arrays.copyOf(meta, cap);
            seqs = Arrays.copyOf(seqs, cap);
        }
        int at = size == 0 || ts[size - 1] <= t ? size : upperBound(t);
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(ts, at, ts, at + 1, tail);
            System.arraycopy(lines, at, lines, at + 1, tail);
            System.arraycopy(meta, at, meta, at + 1, tail);
            System.arraycopy(seqs, at, seqs, at + 1, tail);
        }
        ts[at] = t;
        lines[at] = line;
        meta[at] = metadata;
        seqs[at] = seq;
        size++;
        rawBytes += raw;
    }

    /** Copy of the entries with timestamps in {@code [from, to)}. */
    public HeadSnapshot snapshot(long from, long to) {
        int lo = lowerBound(from);
        int hi = lowerBound(to);
        if (hi <= lo) {
            return HeadSnapshot.EMPTY;
        }
        return new HeadSnapshot(Arrays.copyOfRange(ts, lo, hi), Arrays.copyOfRange(lines, lo, hi),
                Arrays.copyOfRange(meta, lo, hi), Arrays.copyOfRange(seqs, lo, hi), hi - lo);
    }

    /** Copy of every entry. */
    public HeadSnapshot snapshotAll() {
        return size == 0 ? HeadSnapshot.EMPTY
                : new HeadSnapshot(Arrays.copyOf(ts, size), Arrays.copyOf(lines, size), Arrays.copyOf(meta, size),
                Arrays.copyOf(seqs, size), size);
    }

    /** Forgets every entry (after they were sealed into a chunk). */
    public void clear() {
        Arrays.fill(lines, 0, size, null);
        Arrays.fill(meta, 0, size, null);
        size = 0;
        rawBytes = 0;
    }

    private int lowerBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
