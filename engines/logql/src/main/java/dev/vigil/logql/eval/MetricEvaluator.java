package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.Point;
import dev.vigil.logql.Sample;
import dev.vigil.logql.Series;
import dev.vigil.logql.parser.BinaryOpExpr;
import dev.vigil.logql.parser.Grouping;
import dev.vigil.logql.parser.LabelReplaceExpr;
import dev.vigil.logql.parser.LiteralExpr;
import dev.vigil.logql.parser.RangeAggregationExpr;
import dev.vigil.logql.parser.SampleExpr;
import dev.vigil.logql.parser.VectorAggregationExpr;
import dev.vigil.logql.parser.VectorExpr;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates a metric query at one time (instant) or at every step of a range, dispatching each node
 * kind to its evaluator.
 */
public final class MetricEvaluator {
    private static final Set<String> ADDITIVE = Set.of("count_over_time", "rate", "bytes_over_time", "bytes_rate",
            "sum_over_time");

    private final LogSource source;
    private final LogqlOptions options;

    public MetricEvaluator(LogSource source, LogqlOptions options) {
        this.source = source;
        this.options = options;
    }

    /** The value of {@code e} at {@code tNanos}: a scalar or a vector. */
    public MetricResult instant(SampleExpr e, long tNanos) {
        EvalContext ctx = new EvalContext(source, options, tNanos, tNanos, 0);
        StepValues v = eval(e, ctx);
        if (v.isScalar()) {
            return new MetricResult.Scalar(tNanos, v.scalar(0));
        }
        List<Sample> samples = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (Element el : v.vector(0)) {
            if (!seen.add(el.labels())) {
                throw new LogqlException("vector cannot contain metrics with the same labelset");
            }
            samples.add(new Sample(el.labels(), tNanos, el.value()));
        }
        if (samples.size() > options.maxSeries()) {
            throw tooManySeries();
        }
        return new MetricResult.Vector(samples);
    }

    /** The value of {@code e} at {@code start + k*step} for every k with that time &lt;= end: a matrix. */
    public MetricResult range(SampleExpr e, long startNanos, long endNanos, long stepNanos) {
        if (stepNanos <= 0) {
            throw new LogqlException("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endNanos < startNanos) {
            throw new LogqlException("end timestamp must not be before start time");
        }
        if ((endNanos - startNanos) / stepNanos + 1 > options.maxPointsPerSeries()) {
            throw new LogqlException("exceeded maximum resolution of " + String.format("%,d", options.maxPointsPerSeries())
                    + " points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        EvalContext ctx = new EvalContext(source, options, startNanos, endNanos, stepNanos);
        StepValues v = eval(e, ctx);
        Map<Labels, List<Point>> series = new TreeMap<>();
        for (int k = 0; k < ctx.steps(); k++) {
            long t = ctx.time(k);
            if (v.isScalar()) {
                series.computeIfAbsent(Labels.EMPTY, l -> new ArrayList<>()).add(new Point(t, v.scalar(k)));
                continue;
            }
            Set<Labels> seen = new HashSet<>();
            for (Element el : v.vector(k)) {
                if (!seen.add(el.labels())) {
                    throw new LogqlException("vector cannot contain metrics with the same labelset");
                }
                series.computeIfAbsent(el.labels(), l -> new ArrayList<>()).add(new Point(t, el.value()));
            }
            if (series.size() > options.maxSeries()) {
                throw tooManySeries();
            }
        }
        List<Series> out = new ArrayList<>(series.size());
        series.forEach((l, p) -> out.add(new Series(l, p)));
        return new MetricResult.Matrix(out);
    }

    private LogqlException tooManySeries() {
        return new LogqlException("maximum of series (" + options.maxSeries() + ") reached for a single query");
    }

    /** The range function drops the unwrapped label, so grouping by it cannot be pushed down. */
    private static boolean groupsByUnwrapped(VectorAggregationExpr v, RangeAggregationExpr r) {
        return r.range().unwrap().isPresent() && v.grouping().map(g -> g.labels().contains(r.range().unwrap().get().label())).orElse(false);
    }

    static StepValues eval(SampleExpr e, EvalContext ctx) {
        if (e instanceof LiteralExpr l) {
            double[] v = new double[ctx.steps()];
            Arrays.fill(v, l.value());
            return StepValues.scalar(v);
        }
        if (e instanceof VectorExpr ve) {
            StepValues out = StepValues.emptyVectors(ctx.steps());
            for (int k = 0; k < ctx.steps(); k++) {
                out.vector(k).add(new Element(Labels.EMPTY, ve.value()));
            }
            return out;
        }
        if (e instanceof RangeAggregationExpr r) {
            return RangeAggregationEvaluator.eval(r, ctx);
        }
        if (e instanceof VectorAggregationExpr v) {
            if (v.op().equals("sum") && v.inner() instanceof RangeAggregationExpr r && r.grouping().isEmpty()
                    && ADDITIVE.contains(r.op()) && !groupsByUnwrapped(v, r)) {
                // sum by (g) of an additive range function equals the range function over lines grouped by g.
                Grouping g = v.grouping().orElse(new Grouping(false, List.of()));
                return VectorAggregationEvaluator.eval(v, RangeAggregationEvaluator.eval(r, Optional.of(g), ctx));
            }
            StepValues inner = eval(v.inner(), ctx);
            if (inner.isScalar()) {
                throw new LogqlException("expected type vector in aggregation expression, got scalar");
            }
            return VectorAggregationEvaluator.eval(v, inner);
        }
        if (e instanceof BinaryOpExpr b) {
            return BinaryOpEvaluator.eval(b, eval(b.lhs(), ctx), eval(b.rhs(), ctx));
        }
        LabelReplaceExpr lr = (LabelReplaceExpr) e;
        StepValues inner = eval(lr.inner(), ctx);
        if (inner.isScalar()) {
            throw new LogqlException("expected type vector in call to function label_replace, got scalar");
        }
        return LabelReplaceEvaluator.eval(lr, inner);
    }
}
