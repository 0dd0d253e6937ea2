package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.parser.Parser;
import dev.vigil.promql.parser.ValueType;
import dev.vigil.series.Storage;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.Sample;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The PromQL engine: evaluates instant and range queries over a {@link Storage}, answering as
 * Prometheus 2.42 does for float samples. Thread-safe; one instance serves any number of queries.
 *
 * <p>Errors, for the HTTP layer to map as the Prometheus API does:
 * <ul>
 *   <li>{@link ParseException}: the query is not valid PromQL (400 {@code bad_data});</li>
 *   <li>{@link IllegalArgumentException}: invalid parameters, e.g. step not positive, end before
 *       start, or a range query of a range vector (400 {@code bad_data});</li>
 *   <li>{@link QueryExecutionException} (including {@link TooManySamplesException}): evaluation
 *       failed (422 {@code execution});</li>
 *   <li>{@link QueryTimeoutException}: the query ran past {@link EngineOptions#timeout()} (503 {@code timeout}).</li>
 * </ul>
 */
public final class Engine {
    private final EngineOptions options;
    private final LongSupplier nanoClock;

    public Engine(EngineOptions options) {
        this(options, System::nanoTime);
    }

    /** With the clock the timeout is measured by, so tests need not wait. */
    Engine(EngineOptions options, LongSupplier nanoClock) {
        this.options = options;
        this.nanoClock = nanoClock;
    }

    public EngineOptions options() {
        return options;
    }

    /** Evaluates {@code query} at {@code timeMs}: a scalar, string, vector, or (for a range selector) matrix. */
    public Result instantQuery(Storage storage, String query, long timeMs) {
        return instantQuery(storage, Parser.parse(query), timeMs);
    }

    /** As {@link #instantQuery(Storage, String, long)} for an already parsed expression (e.g. a rule). */
    public Result instantQuery(Storage storage, Expr expr, long timeMs) {
        EvalContext ctx = new EvalContext(storage, options, timeMs, timeMs, nanoClock);
        Steps steps = new Steps(timeMs, timeMs, 1);
        EvalValue v = run(ctx, expr, steps);
        return new Result(toInstant(v, timeMs), ctx.samplesLoaded());
    }

    /** Evaluates {@code query} at start, start+step, ... ≤ end; the result is a matrix sorted by labels. */
    public Result rangeQuery(Storage storage, String query, long startMs, long endMs, long stepMs) {
        return rangeQuery(storage, Parser.parse(query), startMs, endMs, stepMs);
    }

    public Result rangeQuery(Storage storage, Expr expr, long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("end timestamp must not be before start time");
        }
        if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
            throw new IllegalArgumentException("invalid expression type \"" + expr.type().documented()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        EvalContext ctx = new EvalContext(storage, options, startMs, endMs, nanoClock);
        Steps steps = new Steps(startMs, endMs, stepMs);
        EvalValue v = run(ctx, expr, steps);
        List<TimeSeries> out = new ArrayList<>();
        if (v instanceof EvalValue.ScalarSteps s) {
            List<Point> points = new ArrayList<>(s.values().length);
            for (int k = 0; k < s.values().length; k++) {
                points.add(new Point(steps.at(k), s.values()[k]));
            }
            out.add(new TimeSeries(Labels.EMPTY, points));
        } else {
            for (StepSeries s : ((EvalValue.VectorSteps) v).series()) {
                List<Point> points = new ArrayList<>();
                for (int k = 0; k < s.has.length; k++) {
                    if (s.has[k]) {
                        points.add(new Point(steps.at(k), s.v[k]));
                    }
                }
                if (!points.isEmpty()) {
                    out.add(new TimeSeries(s.labels, points));
                }
            }
            out.sort(Comparator.comparing(TimeSeries::labels));
        }
        return new Result(new Matrix(out), ctx.samplesLoaded());
    }

    private static EvalValue run(EvalContext ctx, Expr expr, Steps steps) {
        try {
            return new Evaluator(ctx).eval(expr, steps);
        } catch (QueryExecutionException | QueryTimeoutException | ParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else went wrong is still this query's failure, reported as such to the caller.
            throw new QueryExecutionException("query evaluation failed: " + e, e);
        }
    }

    private static Value toInstant(EvalValue v, long t) {
        if (v instanceof EvalValue.ScalarSteps s) {
            return new Scalar(t, s.values()[0]);
        }
        if (v instanceof EvalValue.StringResult s) {
            return new StringValue(t, s.value());
        }
        if (v instanceof EvalValue.VectorSteps vs) {
            List<Sample> samples = new ArrayList<>();
            for (StepSeries s : vs.series()) {
                if (s.has[0]) {
                    samples.add(new Sample(s.labels, t, s.v[0]));
                }
            }
            return new Vector(samples);
        }
        EvalValue.RangeSteps r = (EvalValue.RangeSteps) v;
        long end = r.windowEnd(t);
        long start = end - r.rangeMs();
        List<TimeSeries> out = new ArrayList<>();
        for (EvalValue.RawSeries s : r.series()) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < s.n(); i++) {
                if (s.t()[i] >= start && s.t()[i] <= end) {
                    points.add(new Point(s.t()[i], s.v()[i]));
                }
            }
            if (!points.isEmpty()) {
                out.add(new TimeSeries(s.labels(), points));
            }
        }
        return new Matrix(out);
    }
}
