package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.VectorSelector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Functions of a whole vector or of the step itself: absent, scalar, vector, sort*, time, pi, timestamp. */
final class VectorFunctions {
    private VectorFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        m.put("absent", VectorFunctions::absent);
        m.put("scalar", VectorFunctions::scalar);
        m.put("vector", (call, steps, ev) -> {
            double[] v = ev.scalar(call.args().get(0), steps);
            StepCollector out = new StepCollector(steps.count());
            for (int k = 0; k < v.length; k++) {
                out.add(Labels.EMPTY, k, v[k]);
            }
            return out.result();
        });
        m.put("time", (call, steps, ev) -> {
            double[] v = new double[steps.count()];
            for (int k = 0; k < v.length; k++) {
                v[k] = steps.at(k) / 1000.0;
            }
            return new EvalValue.ScalarSteps(v);
        });
        m.put("pi", (call, steps, ev) -> {
            double[] v = new double[steps.count()];
            Arrays.fill(v, Math.PI);
            return new EvalValue.ScalarSteps(v);
        });
        m.put("sort", (call, steps, ev) -> sort(call, steps, ev, false));
        m.put("sort_desc", (call, steps, ev) -> sort(call, steps, ev, true));
        m.put("timestamp", VectorFunctions::timestamp);
    }

    private static EvalValue absent(Call call, Steps steps, Evaluator ev) {
        EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
        int n = steps.count();
        boolean[] present = new boolean[n];
        for (StepSeries s : in.series()) {
            for (int k = 0; k < n; k++) {
                present[k] |= s.has[k];
            }
        }
        Labels labels = OverTimeFunctions.absentLabels(call.args().get(0));
        StepCollector out = new StepCollector(n);
        for (int k = 0; k < n; k++) {
            if (!present[k]) {
                out.add(labels, k, 1);
            }
        }
        return out.result();
    }

    private static EvalValue scalar(Call call, Steps steps, Evaluator ev) {
        EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
        int n = steps.count();
        double[] v = new double[n];
        int[] count = new int[n];
        for (StepSeries s : in.series()) {
            for (int k = 0; k < n; k++) {
                if (s.has[k]) {
                    count[k]++;
                    v[k] = s.v[k];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            if (count[k] != 1) {
                v[k] = Double.NaN;
            }
        }
        return new EvalValue.ScalarSteps(v);
    }

    /** Orders by value, NaN last in both directions; only an instant query's result shows the order. */
    private static EvalValue sort(Call call, Steps steps, Evaluator ev, boolean descending) {
        EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
        int n = steps.count();
        StepCollector out = new StepCollector(n);
        List<StepSeries> order = new ArrayList<>(in.series());
        for (int k = 0; k < n; k++) {
            final int step = k;
            Comparator<StepSeries> byValue = (a, b) -> {
                double x = a.v[step];
                double y = b.v[step];
                boolean xn = Double.isNaN(x);
                boolean yn = Double.isNaN(y);
                if (xn || yn) {
                    return Boolean.compare(xn, yn);
                }
                return descending ? Double.compare(y, x) : Double.compare(x, y);
            };
            List<StepSeries> present = new ArrayList<>();
            for (StepSeries s : order) {
                if (s.has[k]) {
                    present.add(s);
                }
            }
            present.sort(byValue);
            for (StepSeries s : present) {
                out.add(s.labels, k, s.v[k]);
            }
        }
        return out.result();
    }

    private static EvalValue timestamp(Call call, Steps steps, Evaluator ev) {
        Expr arg = FunctionEvaluator.unwrap(call.args().get(0));
        if (arg instanceof VectorSelector vs) {
            return ev.selectors.sampleTimestamps(vs, steps);
        }
        EvalValue.VectorSteps in = ev.vector(arg, steps);
        StepCollector out = new StepCollector(steps.count());
        for (StepSeries s : in.series()) {
            Labels labels = MetricNames.drop(s.labels);
            for (int k = 0; k < s.has.length; k++) {
                if (s.has[k]) {
                    out.add(labels, k, steps.at(k) / 1000.0);
                }
            }
        }
        return out.result();
    }
}
