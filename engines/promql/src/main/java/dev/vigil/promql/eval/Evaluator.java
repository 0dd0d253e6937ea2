package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.AggregateExpr;
import dev.vigil.promql.parser.BinaryExpr;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.NumberLiteral;
import dev.vigil.promql.parser.ParenExpr;
import dev.vigil.promql.parser.StringLiteral;
import dev.vigil.promql.parser.SubqueryExpr;
import dev.vigil.promql.parser.UnaryExpr;
import dev.vigil.promql.parser.VectorSelector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates an expression over a grid of steps, dispatching by node kind to the selector, subquery,
 * function, aggregation and binary-operator evaluators.
 */
final class Evaluator {
    final EvalContext ctx;
    final SelectorEvaluator selectors;
    private final FunctionEvaluator functions;
    private final AggregationEvaluator aggregations;
    private final BinaryEvaluator binaries;

    Evaluator(EvalContext ctx) {
        this.ctx = ctx;
        this.selectors = new SelectorEvaluator(ctx);
        this.functions = new FunctionEvaluator(this);
        this.aggregations = new AggregationEvaluator(this);
        this.binaries = new BinaryEvaluator(this);
    }

    EvalValue eval(Expr e, Steps steps) {
        return eval(e, steps, "");
    }

    /** {@code function} names the enclosing function, passed to storage as a hint. */
    EvalValue eval(Expr e, Steps steps, String function) {
        ctx.checkDeadlineNow();
        if (e instanceof NumberLiteral n) {
            double[] v = new double[steps.count()];
            Arrays.fill(v, n.value());
            return new EvalValue.ScalarSteps(v);
        }
        if (e instanceof StringLiteral s) {
            return new EvalValue.StringResult(s.value());
        }
        if (e instanceof ParenExpr p) {
            return eval(p.expr(), steps, function);
        }
        if (e instanceof VectorSelector vs) {
            return selectors.instant(vs, steps, function);
        }
        if (e instanceof MatrixSelector ms) {
            return selectors.range(ms, steps, function);
        }
        if (e instanceof SubqueryExpr sq) {
            return subquery(sq, steps);
        }
        if (e instanceof UnaryExpr u) {
            return unary(u, steps);
        }
        if (e instanceof Call c) {
            return functions.eval(c, steps);
        }
        if (e instanceof AggregateExpr a) {
            return aggregations.eval(a, steps);
        }
        return binaries.eval((BinaryExpr) e, steps);
    }

    double[] scalar(Expr e, Steps steps) {
        return ((EvalValue.ScalarSteps) eval(e, steps)).values();
    }

    EvalValue.VectorSteps vector(Expr e, Steps steps) {
        return (EvalValue.VectorSteps) eval(e, steps);
    }

    /**
     * Evaluates the inner expression on its own grid, aligned to multiples of the subquery step,
     * covering every window of the outer steps; the result is cut into windows like a range selector.
     */
    EvalValue.RangeSteps subquery(SubqueryExpr sq, Steps outer) {
        boolean pinned = sq.at().isSet();
        long at = ctx.resolve(sq.at());
        long step = sq.stepMs() > 0 ? sq.stepMs() : ctx.options.defaultSubqueryStepMs();
        long from = (pinned ? at : outer.start()) - sq.offsetMs() - sq.rangeMs();
        long to = (pinned ? at : outer.end()) - sq.offsetMs();
        long start = Math.floorDiv(from, step) * step;
        if (start < from) {
            start += step;
        }
        List<EvalValue.RawSeries> out = new ArrayList<>();
        if (start <= to) {
            // The inner grid is allocated per series: refuse one with more steps than the query may
            // hold samples before anything is allocated (count_over_time(vector(1)[365d:1ms])).
            long span;
            try {
                span = Math.subtractExact(to, start);
            } catch (ArithmeticException tooWide) {
                span = Long.MAX_VALUE;
            }
            if (span / step >= ctx.options.maxSamples()) {
                throw new TooManySamplesException();
            }
            Steps inner = new Steps(start, to, step);
            EvalValue.VectorSteps v = vector(sq.expr(), inner);
            for (StepSeries s : v.series()) {
                int n = 0;
                for (boolean b : s.has) {
                    n += b ? 1 : 0;
                }
                long[] t = new long[n];
                double[] vals = new double[n];
                int j = 0;
                for (int k = 0; k < s.has.length; k++) {
                    if (s.has[k]) {
                        t[j] = inner.at(k);
                        vals[j++] = s.v[k];
                    }
                }
                ctx.addSamples(n);
                out.add(new EvalValue.RawSeries(s.labels, t, vals, n));
            }
        }
        return new EvalValue.RangeSteps(out, sq.rangeMs(), sq.offsetMs(), pinned, at);
    }

    private EvalValue unary(UnaryExpr u, Steps steps) {
        EvalValue v = eval(u.expr(), steps);
        if (!u.negate()) {
            return v;
        }
        if (v instanceof EvalValue.ScalarSteps s) {
            double[] out = new double[s.values().length];
            for (int k = 0; k < out.length; k++) {
                out[k] = -s.values()[k];
            }
            return new EvalValue.ScalarSteps(out);
        }
        StepCollector out = new StepCollector(steps.count());
        for (StepSeries s : ((EvalValue.VectorSteps) v).series()) {
            Labels labels = MetricNames.drop(s.labels);
            for (int k = 0; k < s.has.length; k++) {
                if (s.has[k]) {
                    out.add(labels, k, -s.v[k]);
                }
            }
        }
        return out.result();
    }
}
