package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.AggregateExpr;
import dev.vigil.promql.parser.Aggregation;
import dev.vigil.promql.parser.Printer;
import dev.vigil.promql.parser.StringLiteral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Aggregation operators. Groups are fixed per input series (except for count_values, whose value
 * is part of the group), so each series' group is computed once and reused at every step.
 */
final class AggregationEvaluator {
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private final Evaluator ev;

    AggregationEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(AggregateExpr a, Steps steps) {
        double[] param = null;
        String valueLabel = "";
        if (a.op() == Aggregation.COUNT_VALUES) {
            valueLabel = ((StringLiteral) FunctionEvaluator.unwrap(a.param().orElseThrow())).value();
            if (!LABEL_NAME.matcher(valueLabel).matches()) {
                throw new QueryExecutionException("invalid label name " + Printer.quote(valueLabel));
            }
        } else if (a.op().hasParam()) {
            param = ev.scalar(a.param().orElseThrow(), steps);
        }
        List<StepSeries> in = ev.vector(a.expr(), steps).series();
        switch (a.op()) {
            case TOPK, BOTTOMK -> {
                return topk(a, in, steps, param);
            }
            case COUNT_VALUES -> {
                return countValues(a, in, steps, valueLabel);
            }
            default -> {
                return simple(a, in, steps, param);
            }
        }
    }

    static Labels grouping(Labels l, List<String> names, boolean without) {
        if (without) {
            Labels.Builder b = l.toBuilder();
            for (String n : names) {
                b.remove(n);
            }
            return b.remove(Labels.METRIC_NAME).build();
        }
        Labels.Builder b = Labels.builder();
        for (String n : names) {
            b.set(n, l.get(n));
        }
        return b.build();
    }

    /** Assigns every input series to its group; returns the group labels, in first-seen order. */
    private static List<Labels> assign(AggregateExpr a, List<StepSeries> in, int[] groupOf) {
        Map<Labels, Integer> index = new HashMap<>();
        List<Labels> groups = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Labels g = grouping(in.get(i).labels, a.grouping(), a.without());
            Integer idx = index.get(g);
            if (idx == null) {
                idx = groups.size();
                index.put(g, idx);
                groups.add(g);
            }
            groupOf[i] = idx;
        }
        return groups;
    }

    private EvalValue simple(AggregateExpr a, List<StepSeries> in, Steps steps, double[] param) {
        int[] groupOf = new int[in.size()];
        List<Labels> groups = assign(a, in, groupOf);
        int g = groups.size();
        int n = steps.count();
        List<StepSeries> outSeries = new ArrayList<>(g);
        for (Labels l : groups) {
            outSeries.add(new StepSeries(l, n));
        }
        double[] value = new double[g];
        double[] mean = new double[g];
        double[] count = new double[g];
        List<List<Double>> values = a.op() == Aggregation.QUANTILE ? new ArrayList<>() : null;
        if (values != null) {
            for (int i = 0; i < g; i++) {
                values.add(new ArrayList<>());
            }
        }
        Aggregation op = a.op();
        for (int k = 0; k < n; k++) {
            ev.ctx.checkDeadline();
            Arrays.fill(count, 0);
            if (values != null) {
                values.forEach(List::clear);
            }
            for (int i = 0; i < in.size(); i++) {
                StepSeries s = in.get(i);
                if (!s.has[k]) {
                    continue;
                }
                int gi = groupOf[i];
                double v = s.v[k];
                if (count[gi] == 0) {
                    value[gi] = op == Aggregation.STDDEV || op == Aggregation.STDVAR ? 0 : v;
                    mean[gi] = v;
                    count[gi] = 1;
                    if (values != null) {
                        values.get(gi).add(v);
                    }
                    continue;
                }
                count[gi]++;
                switch (op) {
                    case SUM -> value[gi] += v;
                    case MAX -> {
                        if (value[gi] < v || Double.isNaN(value[gi])) {
                            value[gi] = v;
                        }
                    }
                    case MIN -> {
                        if (value[gi] > v || Double.isNaN(value[gi])) {
                            value[gi] = v;
                        }
                    }
                    case AVG -> mean[gi] = addToMean(mean[gi], v, count[gi]);
                    case STDDEV, STDVAR -> {
                        double delta = v - mean[gi];
                        mean[gi] += delta / count[gi];
                        value[gi] += delta * (v - mean[gi]);
                    }
                    case QUANTILE -> values.get(gi).add(v);
                    default -> {
                    }
                }
            }
            for (int gi = 0; gi < g; gi++) {
                if (count[gi] == 0) {
                    continue;
                }
                double r = switch (op) {
                    case AVG -> mean[gi];
                    case COUNT -> count[gi];
                    case GROUP -> 1;
                    case STDVAR -> value[gi] / count[gi];
                    case STDDEV -> Math.sqrt(value[gi] / count[gi]);
                    case QUANTILE -> Quantiles.quantile(param[k], values.get(gi).stream().mapToDouble(Double::doubleValue).toArray());
                    default -> value[gi];
                };
                outSeries.get(gi).set(k, r);
            }
        }
        outSeries.removeIf(StepSeries::isEmpty);
        return new EvalValue.VectorSteps(outSeries);
    }

    /** Incremental mean that stays finite where a plain sum would overflow, and keeps a same-signed infinity. */
    static double addToMean(double mean, double v, double count) {
        if (Double.isInfinite(mean)) {
            if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
                return mean;
            }
            if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                return mean;
            }
        }
        return mean + (v / count - mean / count);
    }

    private EvalValue topk(AggregateExpr a, List<StepSeries> in, Steps steps, double[] param) {
        int[] groupOf = new int[in.size()];
        List<Labels> groups = assign(a, in, groupOf);
        boolean top = a.op() == Aggregation.TOPK;
        int n = steps.count();
        StepCollector out = new StepCollector(n);
        List<List<StepSeries>> members = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            members.add(new ArrayList<>());
        }
        for (int k = 0; k < n; k++) {
            double p = param[k];
            if (Double.isNaN(p) || p >= 9.223372036854775807E18 || p <= -9.223372036854775808E18) {
                throw new QueryExecutionException("Scalar value " + Printer.number(p) + " overflows int64");
            }
            long limit = (long) p;
            if (limit < 1) {
                continue;
            }
            members.forEach(List::clear);
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i).has[k]) {
                    members.get(groupOf[i]).add(in.get(i));
                }
            }
            final int step = k;
            for (List<StepSeries> group : members) {
                group.sort((x, y) -> {
                    double xv = x.v[step];
                    double yv = y.v[step];
                    boolean xn = Double.isNaN(xv);
                    boolean yn = Double.isNaN(yv);
                    if (xn || yn) {
                        return Boolean.compare(xn, yn);
                    }
                    return top ? Double.compare(yv, xv) : Double.compare(xv, yv);
                });
                for (int j = 0; j < group.size() && j < limit; j++) {
                    out.add(group.get(j).labels, k, group.get(j).v[k]);
                }
            }
        }
        return out.result();
    }

    private EvalValue countValues(AggregateExpr a, List<StepSeries> in, Steps steps, String valueLabel) {
        int n = steps.count();
        List<String> names = new ArrayList<>(a.grouping());
        if (!a.without()) {
            names.add(valueLabel);
        }
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            for (StepSeries s : in) {
                if (!s.has[k]) {
                    continue;
                }
                Labels withValue = s.labels.toBuilder().set(valueLabel, Printer.number(s.v[k])).build();
                Labels g = grouping(withValue, names, a.without());
                StepSeries o = out.computeIfAbsent(g, l -> new StepSeries(l, n));
                o.set(k, o.has[k] ? o.v[k] + 1 : 1);
            }
        }
        return new EvalValue.VectorSteps(new ArrayList<>(out.values()));
    }
}
