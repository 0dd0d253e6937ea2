package dev.vigil.logql.eval;

import java.util.Arrays;
import java.util.Map;

/**
 * The range functions of LogQL, keyed by name, each reducing the samples of one series inside one
 * window to a number, as Loki's {@code range_vector.go} does. Samples come as parallel arrays
 * ({@code ts} in nanoseconds, {@code v}) with the window's slice {@code [from, to)}, never empty.
 */
final class RangeFunctions {
    @FunctionalInterface
    interface RangeFunction {
        double apply(long[] ts, double[] v, int from, int to, double rangeSeconds, double param, boolean unwrapped);
    }

    static final Map<String, RangeFunction> REGISTRY = Map.ofEntries(
            Map.entry("count_over_time", (ts, v, f, t, r, p, u) -> t - f),
            Map.entry("rate", (ts, v, f, t, r, p, u) -> (u ? sum(v, f, t) : t - f) / r),
            Map.entry("bytes_over_time", (ts, v, f, t, r, p, u) -> sum(v, f, t)),
            Map.entry("bytes_rate", (ts, v, f, t, r, p, u) -> sum(v, f, t) / r),
            Map.entry("sum_over_time", (ts, v, f, t, r, p, u) -> sum(v, f, t)),
            Map.entry("avg_over_time", RangeFunctions::avg),
            Map.entry("min_over_time", (ts, v, f, t, r, p, u) -> extreme(v, f, t, false)),
            Map.entry("max_over_time", (ts, v, f, t, r, p, u) -> extreme(v, f, t, true)),
            Map.entry("first_over_time", (ts, v, f, t, r, p, u) -> v[f]),
            Map.entry("last_over_time", (ts, v, f, t, r, p, u) -> v[t - 1]),
            Map.entry("stdvar_over_time", (ts, v, f, t, r, p, u) -> variance(v, f, t)),
            Map.entry("stddev_over_time", (ts, v, f, t, r, p, u) -> Math.sqrt(variance(v, f, t))),
            Map.entry("quantile_over_time", (ts, v, f, t, r, p, u) -> quantile(p, Arrays.copyOfRange(v, f, t))),
            Map.entry("rate_counter", RangeFunctions::rateCounter),
            Map.entry("absent_over_time", (ts, v, f, t, r, p, u) -> 1));

    private RangeFunctions() {
    }

    private static double sum(double[] v, int f, int t) {
        double s = 0;
        for (int i = f; i < t; i++) {
            s += v[i];
        }
        return s;
    }

    /** Incremental mean that survives infinities, as Loki's avg_over_time. */
    private static double avg(long[] ts, double[] v, int f, int t, double r, double p, boolean u) {
        double mean = 0;
        double count = 0;
        for (int i = f; i < t; i++) {
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(v[i]) && (mean > 0) == (v[i] > 0)) {
                    continue;
                }
                if (!Double.isInfinite(v[i]) && !Double.isNaN(v[i])) {
                    continue;
                }
            }
            mean += v[i] / count - mean / count;
        }
        return mean;
    }

    private static double extreme(double[] v, int f, int t, boolean max) {
        double m = v[f];
        for (int i = f; i < t; i++) {
            if (Double.isNaN(m) || (max ? v[i] > m : v[i] < m)) {
                m = v[i];
            }
        }
        return m;
    }

    /** Population variance by Welford's algorithm. */
    private static double variance(double[] v, int f, int t) {
        double aux = 0;
        double count = 0;
        double mean = 0;
        for (int i = f; i < t; i++) {
            count++;
            double delta = v[i] - mean;
            mean += delta / count;
            aux += delta * (v[i] - mean);
        }
        return aux / count;
    }

    /** Prometheus's quantile: linear interpolation between the closest ranks. */
    static double quantile(double q, double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(values);
        double n = values.length;
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    /**
     * Counter rate with Prometheus's extrapolation, as Loki computes it: the range is taken to start
     * one range before the first sample and to end at the last sample, in milliseconds.
     */
    private static double rateCounter(long[] ts, double[] v, int f, int t, double rangeSeconds, double p, boolean u) {
        int n = t - f;
        if (n < 2) {
            return 0;
        }
        long firstMs = ts[f] / 1_000_000;
        long lastMs = ts[t - 1] / 1_000_000;
        long rangeStart = firstMs - Math.round(rangeSeconds * 1000);
        long rangeEnd = lastMs;
        double result = v[t - 1] - v[f];
        double lastValue = 0;
        for (int i = f; i < t; i++) {
            if (v[i] < lastValue) {
                result += lastValue;
            }
            lastValue = v[i];
        }
        double durationToStart = (firstMs - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - lastMs) / 1000.0;
        double sampled = (lastMs - firstMs) / 1000.0;
        double avgBetween = sampled / (n - 1);
        if (result > 0 && v[f] >= 0) {
            double toZero = sampled * (v[f] / result);
            if (toZero < durationToStart) {
                durationToStart = toZero;
            }
        }
        double threshold = avgBetween * 1.1;
        double interval = sampled;
        interval += durationToStart < threshold ? durationToStart : avgBetween / 2;
        interval += durationToEnd < threshold ? durationToEnd : avgBetween / 2;
        result = result * (interval / sampled);
        return result / rangeSeconds;
    }
}
