package dev.vigil.tsdb.head;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Samples that arrived behind their series' newest sample, kept sorted until there are enough to
 * close into a chunk of their own. Small on purpose: late samples are rare, and a sorted array
 * makes the duplicate check a binary search.
 */
final class OooBuffer {
    private long[] ts = new long[0];
    private double[] vs = new double[0];
    private int size;

    int size() {
        return size;
    }

    void insert(long t, double v) {
        int at = Arrays.binarySearch(ts, 0, size, t);
        if (at >= 0) {
            throw new IllegalStateException("timestamp " + t + " already buffered");
        }
        at = -at - 1;
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, Math.max(4, size * 2));
            vs = Arrays.copyOf(vs, ts.length);
        }
        System.arraycopy(ts, at, ts, at + 1, size - at);
        System.arraycopy(vs, at, vs, at + 1, size - at);
        ts[at] = t;
        vs[at] = v;
        size++;
    }

    /** Raw bits of the value buffered at {@code t}. */
    OptionalLong find(long t) {
        int at = Arrays.binarySearch(ts, 0, size, t);
        return at >= 0 ? OptionalLong.of(Double.doubleToRawLongBits(vs[at])) : OptionalLong.empty();
    }

    long[] times(long from, long to) {
        int[] r = range(from, to);
        return Arrays.copyOfRange(ts, r[0], r[1]);
    }

    double[] values(long from, long to) {
        int[] r = range(from, to);
        return Arrays.copyOfRange(vs, r[0], r[1]);
    }

    long minTime() {
        return ts[0];
    }

    long maxTime() {
        return ts[size - 1];
    }

    /** Drops samples before {@code t}; returns how many. */
    int dropBefore(long t) {
        int cut = range(t, Long.MAX_VALUE)[0];
        System.arraycopy(ts, cut, ts, 0, size - cut);
        System.arraycopy(vs, cut, vs, 0, size - cut);
        size -= cut;
        return cut;
    }

    void clear() {
        size = 0;
    }

    private int[] range(long from, long to) {
        int lo = 0;
        while (lo < size && ts[lo] < from) {
            lo++;
        }
        int hi = lo;
        while (hi < size && ts[hi] <= to) {
            hi++;
        }
        return new int[] {lo, hi};
    }
}
