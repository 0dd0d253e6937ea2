package dev.vigil.logql.eval;

import java.util.Arrays;

/** Growable (timestamp, value) arrays of one series, sorted by time before windows are read. */
final class SeriesBuffer {
    long[] ts = new long[16];
    double[] values = new double[16];
    int size;
    private boolean sorted = true;

    void add(long t, double v) {
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && t < ts[size - 1]) {
            sorted = false;
        }
        ts[size] = t;
        values[size] = v;
        size++;
    }

    /** Stable sort by time: several streams may feed one series once labels are parsed or grouped. */
    void sort() {
        if (sorted) {
            return;
        }
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(ts[a], ts[b]));
        long[] t2 = new long[size];
        double[] v2 = new double[size];
        for (int i = 0; i < size; i++) {
            t2[i] = ts[idx[i]];
            v2[i] = values[idx[i]];
        }
        ts = t2;
        values = v2;
        sorted = true;
    }

    /** First index with timestamp &gt; {@code t}. */
    int upperBound(long t) {
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
