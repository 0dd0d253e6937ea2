package dev.vigil.alert.stream;

import dev.vigil.alert.rules.QueryException;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.model.LabelMatcher;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.promql.value.Sample;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import dev.vigil.series.Storage;
import dev.vigil.promql.parser.AggregateExpr;
import dev.vigil.promql.parser.Aggregation;
import dev.vigil.promql.parser.BinaryExpr;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.NumberLiteral;
import dev.vigil.promql.parser.ParenExpr;
import dev.vigil.promql.parser.Parser;
import dev.vigil.promql.parser.UnaryExpr;
import dev.vigil.promql.parser.VectorSelector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which rule expressions are evaluated as their samples arrive, and what they read. An expression
 * streams when it is built only from: selectors; the range functions below over a selector's
 * range; {@code histogram_quantile} with a constant quantile; {@code sum}, {@code min},
 * {@code max}, {@code avg}, {@code count} and {@code group} aggregations ({@code by} or
 * {@code without}); binary operators (arithmetic, comparison, {@code and}/{@code or}/{@code unless},
 * with or without {@code on}/{@code ignoring}/{@code group_*}); and constants. Such an expression
 * reads nothing but the samples of its selectors' series within a bounded window before the
 * evaluation time (the lookback delta for a selector, the range for a range function), so an
 * evaluation over a store holding exactly those samples equals the query API's answer at the same
 * instant. Offsets, {@code @}, subqueries and every other function stay on the timer: they read
 * further back than the window, or answer for series that sent nothing ({@code absent}).
 */
public record StreamableExpr(Expr expr, List<List<LabelMatcher>> selectors, long windowMs) {
    /** Range functions whose value at t depends only on the samples in (t - range, t]. */
    static final Set<String> RANGE_FUNCTIONS = Set.of("rate", "increase", "irate", "delta", "idelta",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "last_over_time", "present_over_time", "stddev_over_time", "stdvar_over_time");
    static final Set<Aggregation> AGGREGATIONS = Set.of(Aggregation.SUM, Aggregation.MIN, Aggregation.MAX,
            Aggregation.AVG, Aggregation.COUNT, Aggregation.GROUP);

    private enum Kind { CONSTANT, VECTOR, NO }

    /** {@code query} as a streamable expression, or empty when it stays on the timer (or does not parse). */
    public static Optional<StreamableExpr> of(String query, long lookbackDeltaMs) {
        Expr expr;
        try {
            expr = Parser.parse(query);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<List<LabelMatcher>> selectors = new ArrayList<>();
        long[] window = {0};
        if (kind(expr, lookbackDeltaMs, selectors, window) != Kind.VECTOR) {
            return Optional.empty();
        }
        return Optional.of(new StreamableExpr(expr, List.copyOf(selectors), window[0]));
    }

    /** The expression's answer at {@code t} over {@code store}, {@code tenant}'s series only, as rule samples. */
    public List<VectorSample> answer(Engine engine, Storage store, String tenant, Instant t) throws QueryException {
        Value v;
        try {
            v = engine.instantQuery(new TenantStorage(store, tenant), expr, t.toEpochMilli()).value();
        } catch (RuntimeException e) {
            throw new QueryException(e.getMessage(), e);
        }
        return vectorSamples(v);
    }

    /** An instant vector's samples as rule samples; nothing for any other value. */
    static List<VectorSample> vectorSamples(Value v) {
        List<VectorSample> out = new ArrayList<>();
        if (v instanceof Vector vec) {
            for (Sample s : vec.samples()) {
                out.add(new VectorSample(s.labels(), s.value()));
            }
        }
        return out;
    }

    private static Kind kind(Expr e, long lookbackMs, List<List<LabelMatcher>> selectors, long[] window) {
        if (e instanceof NumberLiteral) {
            return Kind.CONSTANT;
        }
        if (e instanceof ParenExpr p) {
            return kind(p.expr(), lookbackMs, selectors, window);
        }
        if (e instanceof UnaryExpr u) {
            return kind(u.expr(), lookbackMs, selectors, window);
        }
        if (e instanceof VectorSelector s) {
            return plain(s) ? add(s, lookbackMs, selectors, window) : Kind.NO;
        }
        if (e instanceof Call c) {
            String fn = c.function().name();
            if (RANGE_FUNCTIONS.contains(fn) && c.args().size() == 1 && c.args().get(0) instanceof MatrixSelector m) {
                return plain(m.selector()) ? add(m.selector(), m.rangeMs(), selectors, window) : Kind.NO;
            }
            if (fn.equals("histogram_quantile") && c.args().size() == 2
                    && kind(c.args().get(0), lookbackMs, selectors, window) == Kind.CONSTANT) {
                return kind(c.args().get(1), lookbackMs, selectors, window) == Kind.VECTOR ? Kind.VECTOR : Kind.NO;
            }
            return Kind.NO;
        }
        if (e instanceof AggregateExpr a) {
            return AGGREGATIONS.contains(a.op()) && a.param().isEmpty()
                    && kind(a.expr(), lookbackMs, selectors, window) == Kind.VECTOR ? Kind.VECTOR : Kind.NO;
        }
        if (e instanceof BinaryExpr b) {
            Kind l = kind(b.lhs(), lookbackMs, selectors, window);
            Kind r = kind(b.rhs(), lookbackMs, selectors, window);
            if (l == Kind.NO || r == Kind.NO) {
                return Kind.NO;
            }
            return l == Kind.CONSTANT && r == Kind.CONSTANT ? Kind.CONSTANT : Kind.VECTOR;
        }
        return Kind.NO;
    }

    private static Kind add(VectorSelector s, long windowMs, List<List<LabelMatcher>> selectors, long[] window) {
        selectors.add(s.matchers());
        window[0] = Math.max(window[0], windowMs);
        return Kind.VECTOR;
    }

    /** No offset and no {@code @}: reads back from the evaluation time itself. */
    private static boolean plain(VectorSelector s) {
        return s.offsetMs() == 0 && !s.at().isSet();
    }
}
