package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.ParenExpr;
import dev.vigil.promql.parser.ValueType;

import java.util.List;

/** Evaluates calls through the {@link FunctionRegistry}, and holds the shapes most functions share. */
final class FunctionEvaluator {
    private final Evaluator ev;

    FunctionEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(Call call, Steps steps) {
        FunctionImpl impl = FunctionRegistry.get(call.function().name())
                .orElseThrow(() -> new QueryExecutionException("function " + call.function().name() + " is not supported"));
        return impl.call(call, steps, ev);
    }

    static Expr unwrap(Expr e) {
        Expr x = e;
        while (x instanceof ParenExpr p) {
            x = p.expr();
        }
        return x;
    }

    /** Scalar arguments evaluated over the grid; {@code null} where the argument is not a scalar. */
    static double[][] scalarArgs(Call call, Steps steps, Evaluator ev) {
        List<Expr> args = call.args();
        double[][] out = new double[args.size()][];
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).type() == ValueType.SCALAR) {
                out[i] = ev.scalar(args.get(i), steps);
            }
        }
        return out;
    }

    static double[] argsAt(double[][] args, int k, double[] into) {
        for (int i = 0; i < args.length; i++) {
            into[i] = args[i] == null ? Double.NaN : args[i][k];
        }
        return into;
    }

    /** A function of one range vector (plus scalar arguments), applied per series and step. */
    static FunctionImpl range(RangeFunction f, int minPoints, boolean keepName) {
        return range(f, minPoints, keepName, false);
    }

    /**
     * As {@link #range(RangeFunction, int, boolean)}; with {@code stepShiftsPinnedWindow} a window
     * pinned by {@code @} still moves with the step, as Prometheus 2.42 does for predict_linear:
     * being unsafe under {@code @} it is evaluated per step, with the offset that {@code @} was
     * turned into relative to the query start, over the samples selected around the pinned time.
     */
    static FunctionImpl range(RangeFunction f, int minPoints, boolean keepName, boolean stepShiftsPinnedWindow) {
        return (call, steps, ev) -> {
            int mIdx = 0;
            while (call.args().get(mIdx).type() != ValueType.MATRIX) {
                mIdx++;
            }
            double[][] args = scalarArgs(call, steps, ev);
            boolean hasScalarArgs = call.args().size() > 1;
            EvalValue.RangeSteps m = (EvalValue.RangeSteps) ev.eval(call.args().get(mIdx), steps, call.function().name());
            int n = steps.count();
            Window w = new Window();
            w.rangeMs = m.rangeMs();
            w.args = new double[args.length];
            StepCollector out = new StepCollector(n);
            for (EvalValue.RawSeries s : m.series()) {
                ev.ctx.checkDeadline();
                StepSeries target = null;
                w.t = s.t();
                w.v = s.v();
                int lo = 0;
                int hi = 0;
                for (int k = 0; k < n; k++) {
                    long ts = steps.at(k);
                    long end = m.windowEnd(ts);
                    if (m.pinned() && stepShiftsPinnedWindow) {
                        end += ts - steps.start();
                    }
                    long start = end - m.rangeMs();
                    if (m.pinned()) {
                        lo = 0;
                        hi = 0;
                    }
                    while (hi < s.n() && s.t()[hi] <= end) {
                        hi++;
                    }
                    while (lo < hi && s.t()[lo] < start) {
                        lo++;
                    }
                    if (hi - lo < minPoints) {
                        continue;
                    }
                    w.from = lo;
                    w.to = hi;
                    w.start = start;
                    w.end = end;
                    w.stepTs = ts;
                    if (hasScalarArgs) {
                        argsAt(args, k, w.args);
                    }
                    if (target == null) {
                        target = out.seriesFor(keepName ? s.labels() : MetricNames.drop(s.labels()));
                    }
                    StepCollector.add(target, k, f.apply(w));
                }
            }
            return out.result();
        };
    }

    /** A function applied to each sample of its first (instant vector) argument; drops the metric name. */
    static FunctionImpl perSample(SampleFunction f) {
        return (call, steps, ev) -> {
            double[][] args = scalarArgs(call, steps, ev);
            EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
            StepCollector out = new StepCollector(steps.count());
            double[] at = new double[args.length];
            for (StepSeries s : in.series()) {
                Labels labels = MetricNames.drop(s.labels);
                for (int k = 0; k < s.has.length; k++) {
                    if (s.has[k]) {
                        out.add(labels, k, f.apply(s.v[k], argsAt(args, k, at)));
                    }
                }
            }
            return out.result();
        };
    }
}
