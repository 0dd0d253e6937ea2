package dev.vigil.promql.eval;

import static dev.vigil.promql.eval.FunctionEvaluator.perSample;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** Per-sample arithmetic: abs, ceil, floor, round, exp, ln, log2, log10, sqrt, sgn, clamp*, trigonometry. */
final class MathFunctions {
    private MathFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        unary(m, "abs", Math::abs);
        unary(m, "ceil", Math::ceil);
        unary(m, "floor", Math::floor);
        unary(m, "exp", Math::exp);
        unary(m, "sqrt", Math::sqrt);
        unary(m, "ln", Math::log);
        unary(m, "log2", GoMath::log2);
        unary(m, "log10", Math::log10);
        unary(m, "sgn", GoMath::sgn);
        unary(m, "deg", v -> v * 180 / Math.PI);
        unary(m, "rad", v -> v * Math.PI / 180);
        unary(m, "sin", Math::sin);
        unary(m, "cos", Math::cos);
        unary(m, "tan", Math::tan);
        unary(m, "asin", Math::asin);
        unary(m, "acos", Math::acos);
        unary(m, "atan", Math::atan);
        unary(m, "sinh", Math::sinh);
        unary(m, "cosh", Math::cosh);
        unary(m, "tanh", Math::tanh);
        unary(m, "asinh", GoMath::asinh);
        unary(m, "acosh", GoMath::acosh);
        unary(m, "atanh", GoMath::atanh);
        m.put("round", perSample((v, a) -> {
            double toNearest = a.length > 1 ? a[1] : 1;
            double inverse = 1.0 / toNearest;
            return Math.floor(v * inverse + 0.5) / inverse;
        }));
        m.put("clamp_max", perSample((v, a) -> GoMath.min(v, a[1])));
        m.put("clamp_min", perSample((v, a) -> GoMath.max(v, a[1])));
        m.put("clamp", MathFunctions::clamp);
        // Native histograms only; float samples yield nothing.
        m.put("histogram_count", (call, steps, ev) -> empty(call, steps, ev));
        m.put("histogram_sum", (call, steps, ev) -> empty(call, steps, ev));
        m.put("histogram_fraction", (call, steps, ev) -> empty(call, steps, ev));
    }

    private static void unary(Map<String, FunctionImpl> m, String name, DoubleUnaryOperator op) {
        m.put(name, perSample((v, a) -> op.applyAsDouble(v)));
    }

    /** clamp(v, min, max) yields nothing at steps where max < min. */
    private static EvalValue clamp(Call call, Steps steps, Evaluator ev) {
        double[][] args = FunctionEvaluator.scalarArgs(call, steps, ev);
        EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
        StepCollector out = new StepCollector(steps.count());
        for (StepSeries s : in.series()) {
            Labels labels = MetricNames.drop(s.labels);
            for (int k = 0; k < s.has.length; k++) {
                double min = args[1][k];
                double max = args[2][k];
                if (s.has[k] && !(max < min)) {
                    out.add(labels, k, GoMath.max(min, GoMath.min(max, s.v[k])));
                }
            }
        }
        return out.result();
    }

    private static EvalValue empty(Call call, Steps steps, Evaluator ev) {
        for (var a : call.args()) {
            ev.eval(a, steps);
        }
        return new EvalValue.VectorSteps(List.of());
    }
}
