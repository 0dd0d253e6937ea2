package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.ParenExpr;
import dev.vigil.promql.parser.ValueType;

import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.NumberLiteral;
import dev.vigil.promql.parser.Printer;
import dev.vigil.series.Partitions;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.vigil.model.MatchType;

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
            Optional<Partitions> parts = pushable(call, mIdx, keepName) ? ev.ctx.storage.partitioning() : Optional.empty();
            String expr = parts.isPresent() ? Printer.print(call) : "";
            if (parts.isPresent() && expr.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                // the other instances compute the function over their partitions while this one does its own
                CompletableFuture<Partitions.Answer> elsewhere = parts.get().evaluateElsewhere(expr, null, steps.start(), steps.end(),
                        Math.max(1, steps.interval()), ev.ctx.options.lookbackDeltaMs(), ev.ctx.remainingSamples(),
                        Math.max(1, ev.ctx.remainingNanos() / 1_000_000));
                try {
                    StepCollector out = apply(f, minPoints, keepName, stepShiftsPinnedWindow, mIdx, call, steps,
                            new Evaluator(ev.ctx.over(parts.get().local())));
                    Partitions.Answer answer = await(elsewhere, ev.ctx);
                    ev.ctx.addSamples(answer.samplesLoaded());
                    merge(out, answer.series(), steps);
                    out.sortByLabels();
                    return out.result();
                } catch (UnsupportedOperationException olderPeer) {
                    // an instance that does not evaluate for others: read raw series from all of them below
                } finally {
                    elsewhere.cancel(true);
                }
            }
            return apply(f, minPoints, keepName, stepShiftsPinnedWindow, mIdx, call, steps, ev).result();
        };
    }

    private static StepCollector apply(RangeFunction f, int minPoints, boolean keepName, boolean stepShiftsPinnedWindow, int mIdx, Call call,
                                       Steps steps, Evaluator ev) {
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
        return out;
    }

    /**
     * Whether the call can be computed where its series live: one plain range selector (no
     * {@code @}, whose times are the whole query's) naming one metric when the function drops
     * the name (so no two series can meet under one label set, and their order is the single
     * store's), and scalar arguments that are number literals. Per-series functions then give the
     * same answer on each partition as on all of them.
     */
    private static boolean pushable(Call call, int matrixArg, boolean keepName) {
        for (int i = 0; i < call.args().size(); i++) {
            Expr a = unwrap(call.args().get(i));
            if (i == matrixArg) {
                if (!(a instanceof MatrixSelector ms) || ms.selector().at().isSet()) {
                    return false;
                }
                boolean oneName = ms.selector().matchers().stream()
                        .anyMatch(m -> m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL);
                if (!keepName && !oneName) {
                    return false;
                }
            } else if (!(a instanceof NumberLiteral)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the other instances' series. A step this instance already has for the same labels is
     * kept: while a partition moves, two instances may briefly both answer for a series.
     */
    private static void merge(StepCollector out, List<Series> remote, Steps steps) {
        long interval = Math.max(1, steps.interval());
        for (Series s : remote) {
            StepSeries target = out.seriesFor(s.labels());
            SampleCursor c = s.cursor();
            while (c.next()) {
                long k = (c.timestamp() - steps.start()) / interval;
                if (k >= 0 && k < target.has.length && !target.has[(int) k]) {
                    target.set((int) k, c.value());
                }
            }
        }
    }

    /** The other instances' answer within the query's remaining time; their own errors as they gave them. */
    private static Partitions.Answer await(CompletableFuture<Partitions.Answer> f, EvalContext ctx) {
        try {
            return f.get(Math.max(0, ctx.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("query execution");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("query execution");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re; // the instance's own error (execution, timeout), or an older instance's
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new QueryExecutionException(String.valueOf(cause.getMessage()));
        }
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
