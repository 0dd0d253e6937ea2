package dev.vigil.logql.eval;

import dev.vigil.logql.parser.Grouping;
import dev.vigil.logql.parser.LogRange;
import dev.vigil.logql.parser.RangeAggregationExpr;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates {@code rate}, {@code count_over_time}, {@code sum_over_time}, ...: reads the entries
 * once for all steps, then slides the window (t - offset - range, t - offset] over each series.
 */
final class RangeAggregationEvaluator {
    private RangeAggregationEvaluator() {
    }

    static StepValues eval(RangeAggregationExpr e, EvalContext ctx) {
        return eval(e, e.grouping(), ctx);
    }

    /**
     * Evaluates with {@code grouping} in place of the expression's own: {@link MetricEvaluator} passes
     * the grouping of an enclosing {@code sum} when the range function is additive, so that series
     * are merged while lines are read instead of after.
     */
    static StepValues eval(RangeAggregationExpr e, Optional<Grouping> grouping, EvalContext ctx) {
        LogRange r = e.range();
        long from = ctx.start() - r.offsetNanos() - r.rangeNanos();
        long to = ctx.end() - r.offsetNanos() + 1;
        SampleExtractor.ValueKind kind = r.unwrap().isPresent() ? SampleExtractor.ValueKind.UNWRAP
                : e.op().startsWith("bytes") ? SampleExtractor.ValueKind.BYTES : SampleExtractor.ValueKind.COUNT;
        Map<Labels, SeriesBuffer> series = SampleExtractor.extract(ctx.source(), r, grouping, kind, from, to);
        List<Map.Entry<Labels, SeriesBuffer>> ordered = new ArrayList<>(series.entrySet());
        ordered.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        RangeFunctions.RangeFunction fn = RangeFunctions.REGISTRY.get(e.op());
        double rangeSeconds = r.rangeNanos() / 1e9;
        double param = e.param().orElse(0);
        boolean absent = e.op().equals("absent_over_time");
        Labels absentLabels = absent ? absentLabels(r) : Labels.EMPTY;
        int steps = ctx.steps();
        StepValues out = StepValues.emptyVectors(steps);
        for (int k = 0; k < steps; k++) {
            long windowEnd = ctx.time(k) - r.offsetNanos();
            long windowStart = windowEnd - r.rangeNanos();
            List<Element> vec = out.vector(k);
            if (absent) {
                boolean any = ordered.stream().anyMatch(s -> s.getValue().upperBound(windowStart) < s.getValue().upperBound(windowEnd));
                if (!any) {
                    vec.add(new Element(absentLabels, 1));
                }
                continue;
            }
            for (Map.Entry<Labels, SeriesBuffer> s : ordered) {
                SeriesBuffer b = s.getValue();
                int lo = b.upperBound(windowStart);
                int hi = b.upperBound(windowEnd);
                if (lo >= hi) {
                    continue;
                }
                PipelineErrors.check(s.getKey());
                vec.add(new Element(s.getKey(), fn.apply(b.ts, b.values, lo, hi, rangeSeconds, param, r.unwrap().isPresent())));
            }
        }
        return out;
    }

    /** As Prometheus's absent(): the equality matchers of the selector, unless a name repeats. */
    private static Labels absentLabels(LogRange r) {
        Labels.Builder b = Labels.builder();
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (LabelMatcher m : r.selector().matchers()) {
            if (!seen.add(m.name())) {
                repeated.add(m.name());
            }
        }
        for (LabelMatcher m : r.selector().matchers()) {
            if (m.type() == MatchType.EQUAL && !repeated.contains(m.name())) {
                b.set(m.name(), m.value());
            }
        }
        return b.build();
    }
}
