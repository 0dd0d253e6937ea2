package dev.vigil.promql.eval;

import static dev.vigil.promql.eval.FunctionEvaluator.range;

import dev.vigil.model.Labels;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.VectorSelector;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Aggregations over time of a range vector: *_over_time, holt_winters, absent_over_time. */
final class OverTimeFunctions {
    private OverTimeFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        m.put("avg_over_time", range(OverTimeFunctions::avg, 1, false));
        m.put("count_over_time", range(w -> w.size(), 1, false));
        m.put("sum_over_time", range(w -> {
            double sum = 0;
            for (int i = w.from; i < w.to; i++) {
                sum += w.v[i];
            }
            return sum;
        }, 1, false));
        m.put("max_over_time", range(w -> {
            double max = w.v[w.from];
            for (int i = w.from + 1; i < w.to; i++) {
                if (w.v[i] > max || Double.isNaN(max)) {
                    max = w.v[i];
                }
            }
            return max;
        }, 1, false));
        m.put("min_over_time", range(w -> {
            double min = w.v[w.from];
            for (int i = w.from + 1; i < w.to; i++) {
                if (w.v[i] < min || Double.isNaN(min)) {
                    min = w.v[i];
                }
            }
            return min;
        }, 1, false));
        m.put("stdvar_over_time", range(OverTimeFunctions::stdvar, 1, false));
        m.put("stddev_over_time", range(w -> Math.sqrt(stdvar(w)), 1, false));
        m.put("quantile_over_time", range(w -> Quantiles.quantile(w.args[0],
                Arrays.copyOfRange(w.v, w.from, w.to)), 1, false));
        m.put("last_over_time", range(Window::last, 1, true));
        m.put("present_over_time", range(w -> 1, 1, false));
        m.put("holt_winters", range(OverTimeFunctions::holtWinters, 2, false));
        m.put("absent_over_time", OverTimeFunctions::absentOverTime);
    }

    /** Incremental mean, which survives values whose sum would overflow. */
    private static double avg(Window w) {
        double mean = 0;
        double count = 0;
        for (int i = w.from; i < w.to; i++) {
            double v = w.v[i];
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
                    continue;
                }
                if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                    continue;
                }
            }
            mean += v / count - mean / count;
        }
        return mean;
    }

    private static double stdvar(Window w) {
        double count = 0;
        double mean = 0;
        double aux = 0;
        for (int i = w.from; i < w.to; i++) {
            double v = w.v[i];
            count++;
            double delta = v - mean;
            mean += delta / count;
            aux += delta * (v - mean);
        }
        return aux / count;
    }

    private static double holtWinters(Window w) {
        double sf = w.args[1];
        double tf = w.args[2];
        if (sf <= 0 || sf >= 1) {
            throw new QueryExecutionException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFloat(sf));
        }
        if (tf <= 0 || tf >= 1) {
            throw new QueryExecutionException("invalid trend factor. Expected: 0 < tf < 1, got: " + goFloat(tf));
        }
        double s0 = 0;
        double s1 = w.v[w.from];
        double b = w.v[w.from + 1] - w.v[w.from];
        for (int i = 1; i < w.size(); i++) {
            double x = sf * w.v[w.from + i];
            if (i > 1) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }

    private static String goFloat(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    /** 1 at each step where no series has a sample in the window, labelled from the selector's equality matchers. */
    private static EvalValue absentOverTime(Call call, Steps steps, Evaluator ev) {
        EvalValue.RangeSteps m = (EvalValue.RangeSteps) ev.eval(call.args().get(0), steps, "absent_over_time");
        int n = steps.count();
        boolean[] present = new boolean[n];
        for (EvalValue.RawSeries s : m.series()) {
            for (int k = 0; k < n; k++) {
                long end = m.windowEnd(steps.at(k));
                long start = end - m.rangeMs();
                int idx = Arrays.binarySearch(s.t(), 0, s.n(), start);
                int lo = idx >= 0 ? idx : -idx - 1;
                if (lo < s.n() && s.t()[lo] <= end) {
                    present[k] = true;
                }
            }
        }
        StepCollector out = new StepCollector(n);
        Labels labels = absentLabels(call.args().get(0));
        for (int k = 0; k < n; k++) {
            if (!present[k]) {
                out.add(labels, k, 1);
            }
        }
        return out.result();
    }

    /**
     * Labels for absent()/absent_over_time(): the selector's equality matchers except the name;
     * a label matched more than once, or also by another operator, is left out.
     */
    static Labels absentLabels(Expr arg) {
        Expr e = FunctionEvaluator.unwrap(arg);
        List<LabelMatcher> matchers;
        if (e instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (e instanceof MatrixSelector ms) {
            matchers = ms.selector().matchers();
        } else {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        Set<String> has = new HashSet<>();
        for (LabelMatcher lm : matchers) {
            if (lm.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (lm.type() == MatchType.EQUAL && !has.contains(lm.name())) {
                b.set(lm.name(), lm.value());
                has.add(lm.name());
            } else {
                b.remove(lm.name());
            }
        }
        return b.build();
    }
}
