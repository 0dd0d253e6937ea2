package dev.vigil.promql.eval;

import static dev.vigil.promql.eval.FunctionEvaluator.range;

import java.util.Map;

/** Rates and changes of a range vector: rate, increase, delta, irate, idelta, deriv, predict_linear, resets, changes. */
final class RateFunctions {
    private RateFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        m.put("rate", range(w -> extrapolatedRate(w, true, true), 2, false));
        m.put("increase", range(w -> extrapolatedRate(w, true, false), 2, false));
        m.put("delta", range(w -> extrapolatedRate(w, false, false), 2, false));
        m.put("irate", range(w -> instantValue(w, true), 2, false));
        m.put("idelta", range(w -> instantValue(w, false), 2, false));
        m.put("deriv", range(w -> linearRegression(w, w.t[w.from])[0], 2, false));
        m.put("predict_linear", range(w -> {
            double[] si = linearRegression(w, w.stepTs);
            return si[0] * w.args[1] + si[1];
        }, 2, false, true));
        m.put("resets", range(RateFunctions::resets, 1, false));
        m.put("changes", range(RateFunctions::changes, 1, false));
    }

    /**
     * Prometheus's extrapolation: the change over the samples, corrected for counter resets, scaled
     * out to the window edges when the first/last sample is within 1.1 average intervals of them
     * (otherwise by half an interval), never extrapolating a counter below zero.
     */
    static double extrapolatedRate(Window w, boolean isCounter, boolean isRate) {
        double first = w.first();
        double last = w.last();
        double result = last - first;
        if (isCounter) {
            double prev = 0;
            for (int i = w.from; i < w.to; i++) {
                double v = w.v[i];
                if (v < prev) {
                    result += prev;
                }
                prev = v;
            }
        }
        long firstT = w.t[w.from];
        long lastT = w.t[w.to - 1];
        double durationToStart = (firstT - w.start) / 1000.0;
        double durationToEnd = (w.end - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double averageInterval = sampledInterval / (w.size() - 1);
        if (isCounter && result > 0 && first >= 0) {
            double durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageInterval * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
        result = result * (extrapolateTo / sampledInterval);
        if (isRate) {
            result = result / (w.rangeMs / 1000.0);
        }
        return result;
    }

    private static double instantValue(Window w, boolean isRate) {
        double last = w.v[w.to - 1];
        double prev = w.v[w.to - 2];
        double result = last - prev;
        if (isRate && last < prev) {
            // A counter reset: the counter restarted from zero.
            result = last;
        }
        long interval = w.t[w.to - 1] - w.t[w.to - 2];
        if (interval == 0) {
            return Double.NaN;
        }
        return isRate ? result / (interval / 1000.0) : result;
    }

    /** Least-squares slope and intercept, x in seconds relative to {@code interceptTime}, with Kahan sums. */
    static double[] linearRegression(Window w, long interceptTime) {
        double n = 0;
        double[] sumX = new double[2];
        double[] sumY = new double[2];
        double[] sumXY = new double[2];
        double[] sumX2 = new double[2];
        double initY = w.v[w.from];
        boolean constY = true;
        for (int i = w.from; i < w.to; i++) {
            double y = w.v[i];
            if (constY && i > w.from && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (w.t[i] - interceptTime) / 1e3;
            Kahan.add(sumX, x);
            Kahan.add(sumY, y);
            Kahan.add(sumXY, x * y);
            Kahan.add(sumX2, x * x);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        double sx = sumX[0] + sumX[1];
        double sy = sumY[0] + sumY[1];
        double sxy = sumXY[0] + sumXY[1];
        double sx2 = sumX2[0] + sumX2[1];
        double covXY = sxy - sx * sy / n;
        double varX = sx2 - sx * sx / n;
        double slope = covXY / varX;
        double intercept = sy / n - slope * sx / n;
        return new double[] {slope, intercept};
    }

    private static double resets(Window w) {
        int resets = 0;
        double prev = w.v[w.from];
        for (int i = w.from + 1; i < w.to; i++) {
            double cur = w.v[i];
            if (cur < prev) {
                resets++;
            }
            prev = cur;
        }
        return resets;
    }

    private static double changes(Window w) {
        int changes = 0;
        double prev = w.v[w.from];
        for (int i = w.from + 1; i < w.to; i++) {
            double cur = w.v[i];
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
            prev = cur;
        }
        return changes;
    }
}
