package dev.vigil.promql.storage;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.ArraySeries;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link Storage} for tests and benchmarks: series sorted by labels, samples appended
 * in ascending time per series. Not thread-safe for writes; reads may run concurrently once loaded.
 */
public final class MemoryStorage implements Storage {
    private final Map<Labels, Buffer> series = new TreeMap<>();

    private static final class Buffer {
        long[] t = new long[8];
        double[] v = new double[8];
        int n;
    }

    /**
     * Appends a sample; timestamps must increase per series. A sample at an existing timestamp
     * replaces it, as a store would on a replay.
     */
    public void add(Labels labels, long timestampMs, double value) {
        Buffer b = series.computeIfAbsent(labels, l -> new Buffer());
        if (b.n > 0 && b.t[b.n - 1] >= timestampMs) {
            if (b.t[b.n - 1] == timestampMs) {
                b.v[b.n - 1] = value;
                return;
            }
            throw new IllegalArgumentException("out of order sample for " + labels + " at " + timestampMs);
        }
        if (b.n == b.t.length) {
            b.t = Arrays.copyOf(b.t, b.n * 2);
            b.v = Arrays.copyOf(b.v, b.n * 2);
        }
        b.t[b.n] = timestampMs;
        b.v[b.n] = value;
        b.n++;
    }

    public void clear() {
        series.clear();
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<Labels, Buffer> e : series.entrySet()) {
            if (!LabelMatcher.matchAll(matchers, e.getKey())) {
                continue;
            }
            Buffer b = e.getValue();
            int from = lowerBound(b, mint);
            int to = lowerBound(b, maxt + 1);
            if (from < to) {
                out.add(new ArraySeries(e.getKey(), b.t, b.v, from, to));
            }
        }
        return out;
    }

    private static int lowerBound(Buffer b, long t) {
        int lo = 0;
        int hi = b.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b.t[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
