package dev.vigil.alert.stream;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.ArraySeries;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent samples of the series streaming rules read, as the metrics store would hold them:
 * appends follow the TSDB's rules (a sample at its series' newest timestamp or further back than
 * the out-of-order window is refused, the first value at a timestamp is kept, an out-of-order
 * sample inside the window is put in its place), and each series keeps only the last
 * {@code retainMs} before its newest sample, which covers every window the rules read. Appends
 * come from one thread, reads from any: a read copies what it selects.
 */
public final class WindowStore implements Storage {
    private final long retainMs;
    private final long outOfOrderWindowMs;
    private final Map<Labels, WindowSeries> series = new ConcurrentHashMap<>();
    private final Map<String, Set<WindowSeries>> byName = new ConcurrentHashMap<>();

    public WindowStore(long retainMs, long outOfOrderWindowMs) {
        this.retainMs = retainMs;
        this.outOfOrderWindowMs = outOfOrderWindowMs;
    }

    /** The series' buffer, created on first use (again after {@link #forgetOlderThan} dropped it). */
    public WindowSeries series(Labels labels) {
        return series.computeIfAbsent(labels, l -> {
            WindowSeries s = new WindowSeries(l);
            byName.computeIfAbsent(l.metricName(), n -> ConcurrentHashMap.newKeySet()).add(s);
            return s;
        });
    }

    /** Whether the series is held. */
    public boolean holds(Labels labels) {
        return series.containsKey(labels);
    }

    /** How many series are held. */
    public int size() {
        return series.size();
    }

    /** Forgets series whose newest sample is older than {@code cutoffMs}: no window reaches them. */
    public void forgetOlderThan(long cutoffMs) {
        series.values().removeIf(s -> {
            if (s.newest() >= cutoffMs) {
                return false;
            }
            s.removed = true;
            Set<WindowSeries> named = byName.get(s.labels.metricName());
            if (named != null) {
                named.remove(s);
            }
            return true;
        });
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        Collection<WindowSeries> candidates = series.values();
        for (LabelMatcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME) && m.type() == dev.vigil.model.MatchType.EQUAL) {
                Set<WindowSeries> named = byName.get(m.value());
                candidates = named == null ? List.of() : named;
                break;
            }
        }
        List<Series> out = new ArrayList<>();
        for (WindowSeries s : candidates) {
            if (LabelMatcher.matchAll(matchers, s.labels)) {
                Series slice = s.slice(mint, maxt);
                if (slice != null) {
                    out.add(slice);
                }
            }
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    /** One series' samples, ascending by time, within the retained span. */
    public final class WindowSeries {
        private final Labels labels;
        private long[] t = new long[8];
        private double[] v = new double[8];
        private int start;
        private int end;
        private long maxTime = Long.MIN_VALUE;
        /** Set when the store forgot it: a writer holding it must ask the store for the series again. */
        private volatile boolean removed;

        WindowSeries(Labels labels) {
            this.labels = labels;
        }

        public Labels labels() {
            return labels;
        }

        public boolean removed() {
            return removed;
        }

        synchronized long newest() {
            return maxTime;
        }

        /**
         * Appends as the TSDB would; returns false for a sample it refuses. A sample older than the
         * retained span but inside the out-of-order window counts as accepted even where the TSDB
         * would refuse it as a duplicate: no window reads it either way, it only causes one more
         * evaluation.
         */
        public synchronized boolean append(long ts, double value) {
            if (ts > maxTime) {
                maxTime = ts;
                trim(ts - retainMs);
                put(end, ts, value);
                return true;
            }
            if (ts == maxTime || ts < maxTime - outOfOrderWindowMs) {
                return false;
            }
            int at = lowerBound(ts);
            if (at < end && t[at] == ts) {
                return false;
            }
            if (ts >= maxTime - retainMs) {
                put(at, ts, value);
            }
            return true; // accepted, though older than any window reads
        }

        private void put(int at, long ts, double value) {
            if (end == t.length) {
                if (start > t.length / 2) {
                    at -= start; // every position moves down by what the compaction drops
                    compact();
                } else {
                    t = Arrays.copyOf(t, t.length * 2);
                    v = Arrays.copyOf(v, v.length * 2);
                }
            }
            at = Math.max(start, Math.min(at, end));
            System.arraycopy(t, at, t, at + 1, end - at);
            System.arraycopy(v, at, v, at + 1, end - at);
            t[at] = ts;
            v[at] = value;
            end++;
        }

        private void compact() {
            int n = end - start;
            System.arraycopy(t, start, t, 0, n);
            System.arraycopy(v, start, v, 0, n);
            start = 0;
            end = n;
        }

        private void trim(long cutoff) {
            while (start < end && t[start] < cutoff) {
                start++;
            }
            if (start == end) {
                start = 0;
                end = 0;
            }
        }

        private int lowerBound(long ts) {
            int lo = start;
            int hi = end;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] < ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** A copy of the samples in {@code [mint, maxt]}, or null when there are none. */
        synchronized Series slice(long mint, long maxt) {
            int from = lowerBound(mint);
            int to = lowerBound(maxt == Long.MAX_VALUE ? maxt : maxt + 1);
            if (from >= to) {
                return null;
            }
            return new ArraySeries(labels, Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(v, from, to), 0, to - from);
        }
    }
}
