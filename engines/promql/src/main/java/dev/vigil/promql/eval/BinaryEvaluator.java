package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.BinaryExpr;
import dev.vigil.promql.parser.BinaryOp;
import dev.vigil.promql.parser.Printer;
import dev.vigil.promql.parser.VectorMatching;
import dev.vigil.promql.parser.VectorMatching.Cardinality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators between scalars and instant vectors, with Prometheus's vector matching rules. */
final class BinaryEvaluator {
    private final Evaluator ev;

    BinaryEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    EvalValue eval(BinaryExpr b, Steps steps) {
        EvalValue l = ev.eval(b.lhs(), steps);
        EvalValue r = ev.eval(b.rhs(), steps);
        if (l instanceof EvalValue.ScalarSteps ls && r instanceof EvalValue.ScalarSteps rs) {
            double[] out = new double[ls.values().length];
            for (int k = 0; k < out.length; k++) {
                double x = ls.values()[k];
                double y = rs.values()[k];
                out[k] = b.op().isComparison() ? (compare(b.op(), x, y) ? 1 : 0) : arithmetic(b.op(), x, y);
            }
            return new EvalValue.ScalarSteps(out);
        }
        if (l instanceof EvalValue.VectorSteps lv && r instanceof EvalValue.ScalarSteps rs) {
            return vectorScalar(b, lv, rs.values(), false, steps);
        }
        if (l instanceof EvalValue.ScalarSteps ls && r instanceof EvalValue.VectorSteps rv) {
            return vectorScalar(b, rv, ls.values(), true, steps);
        }
        EvalValue.VectorSteps lv = (EvalValue.VectorSteps) l;
        EvalValue.VectorSteps rv = (EvalValue.VectorSteps) r;
        VectorMatching m = b.matching().orElseThrow();
        if (b.op().isSetOperator()) {
            return setOperation(b.op(), m, lv.series(), rv.series(), steps);
        }
        return vectorVector(b, m, lv.series(), rv.series(), steps);
    }

    /** Operators that make the result no longer the metric named on the left. */
    static boolean dropsName(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, POW, MOD -> true;
            default -> false;
        };
    }

    static double arithmetic(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> GoMath.pow(x, y);
            case MOD -> x % y;
            case ATAN2 -> Math.atan2(x, y);
            default -> throw new IllegalStateException("not arithmetic: " + op);
        };
    }

    static boolean compare(BinaryOp op, double x, double y) {
        return switch (op) {
            case EQLC -> x == y;
            case NEQ -> x != y;
            case GTR -> x > y;
            case LSS -> x < y;
            case GTE -> x >= y;
            case LTE -> x <= y;
            default -> throw new IllegalStateException("not a comparison: " + op);
        };
    }

    private EvalValue vectorScalar(BinaryExpr b, EvalValue.VectorSteps vec, double[] scalar, boolean scalarLeft, Steps steps) {
        BinaryOp op = b.op();
        StepCollector out = new StepCollector(steps.count());
        for (StepSeries s : vec.series()) {
            Labels labels = dropsName(op) || b.returnBool() ? MetricNames.drop(s.labels) : s.labels;
            for (int k = 0; k < s.has.length; k++) {
                if (!s.has[k]) {
                    continue;
                }
                double x = scalarLeft ? scalar[k] : s.v[k];
                double y = scalarLeft ? s.v[k] : scalar[k];
                if (op.isComparison()) {
                    boolean keep = compare(op, x, y);
                    if (b.returnBool()) {
                        out.add(labels, k, keep ? 1 : 0);
                    } else if (keep) {
                        out.add(labels, k, s.v[k]);
                    }
                } else {
                    out.add(labels, k, arithmetic(op, x, y));
                }
            }
        }
        return out.result();
    }

    static Labels signature(Labels l, VectorMatching m) {
        if (m.on()) {
            Labels.Builder b = Labels.builder();
            for (String n : m.labels()) {
                b.set(n, l.get(n));
            }
            return b.build();
        }
        Labels.Builder b = l.toBuilder();
        for (String n : m.labels()) {
            b.remove(n);
        }
        return b.remove(Labels.METRIC_NAME).build();
    }

    private EvalValue setOperation(BinaryOp op, VectorMatching m, List<StepSeries> lhs, List<StepSeries> rhs, Steps steps) {
        Labels[] ls = signatures(lhs, m);
        Labels[] rs = signatures(rhs, m);
        StepCollector out = new StepCollector(steps.count());
        Set<Labels> sigs = new HashSet<>();
        for (int k = 0; k < steps.count(); k++) {
            sigs.clear();
            if (op == BinaryOp.OR) {
                for (int i = 0; i < lhs.size(); i++) {
                    if (lhs.get(i).has[k]) {
                        sigs.add(ls[i]);
                        out.add(lhs.get(i).labels, k, lhs.get(i).v[k]);
                    }
                }
                for (int j = 0; j < rhs.size(); j++) {
                    if (rhs.get(j).has[k] && !sigs.contains(rs[j])) {
                        out.add(rhs.get(j).labels, k, rhs.get(j).v[k]);
                    }
                }
                continue;
            }
            for (int j = 0; j < rhs.size(); j++) {
                if (rhs.get(j).has[k]) {
                    sigs.add(rs[j]);
                }
            }
            for (int i = 0; i < lhs.size(); i++) {
                if (lhs.get(i).has[k] && sigs.contains(ls[i]) == (op == BinaryOp.AND)) {
                    out.add(lhs.get(i).labels, k, lhs.get(i).v[k]);
                }
            }
        }
        return out.result();
    }

    private static Labels[] signatures(List<StepSeries> series, VectorMatching m) {
        Labels[] out = new Labels[series.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = signature(series.get(i).labels, m);
        }
        return out;
    }

    private EvalValue vectorVector(BinaryExpr b, VectorMatching m, List<StepSeries> left, List<StepSeries> right, Steps steps) {
        BinaryOp op = b.op();
        boolean swapped = m.card() == Cardinality.ONE_TO_MANY;
        // After the swap, "lhs" is the many side and "rhs" the one side.
        List<StepSeries> lhs = swapped ? right : left;
        List<StepSeries> rhs = swapped ? left : right;
        Labels[] ls = signatures(lhs, m);
        Labels[] rs = signatures(rhs, m);
        StepCollector out = new StepCollector(steps.count());
        Map<Labels, Integer> rightSigs = new HashMap<>();
        Map<Labels, Set<Labels>> matched = new HashMap<>();
        Map<Long, Labels> resultLabels = new HashMap<>();
        for (int k = 0; k < steps.count(); k++) {
            rightSigs.clear();
            matched.clear();
            boolean anyLeft = false;
            for (StepSeries s : lhs) {
                anyLeft |= s.has[k];
            }
            if (!anyLeft) {
                continue;
            }
            for (int j = 0; j < rhs.size(); j++) {
                if (!rhs.get(j).has[k]) {
                    continue;
                }
                Integer dup = rightSigs.putIfAbsent(rs[j], j);
                if (dup != null) {
                    throw new QueryExecutionException("found duplicate series for the match group " + matchLabels(rhs.get(j).labels, m)
                            + " on the " + (swapped ? "left" : "right") + " hand-side of the operation: ["
                            + goString(rhs.get(j).labels) + ", " + goString(rhs.get(dup).labels)
                            + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
            }
            for (int i = 0; i < lhs.size(); i++) {
                StepSeries ls1 = lhs.get(i);
                if (!ls1.has[k]) {
                    continue;
                }
                Integer j = rightSigs.get(ls[i]);
                if (j == null) {
                    continue;
                }
                StepSeries rs1 = rhs.get(j);
                double vl = swapped ? rs1.v[k] : ls1.v[k];
                double vr = swapped ? ls1.v[k] : rs1.v[k];
                double value;
                if (op.isComparison()) {
                    boolean keep = compare(op, vl, vr);
                    if (b.returnBool()) {
                        value = keep ? 1 : 0;
                    } else if (!keep) {
                        continue;
                    } else {
                        value = vl;
                    }
                } else {
                    value = arithmetic(op, vl, vr);
                }
                final int jj = j;
                final int ii = i;
                Labels metric = resultLabels.computeIfAbsent(((long) i << 32) | j,
                        key -> resultMetric(lhs.get(ii).labels, rhs.get(jj).labels, b, m));
                Set<Labels> inserted = matched.get(ls[i]);
                if (m.card() == Cardinality.ONE_TO_ONE) {
                    if (inserted != null) {
                        throw new QueryExecutionException(
                                "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    matched.put(ls[i], Set.of());
                } else {
                    if (inserted == null) {
                        inserted = new HashSet<>();
                        matched.put(ls[i], inserted);
                    } else if (inserted.contains(metric)) {
                        throw new QueryExecutionException("multiple matches for labels: grouping labels must ensure unique matches");
                    }
                    inserted.add(metric);
                }
                out.add(metric, k, value);
            }
        }
        return out.result();
    }

    private static String matchLabels(Labels l, VectorMatching m) {
        Labels.Builder b = Labels.builder();
        if (m.on()) {
            for (String n : m.labels()) {
                b.set(n, l.get(n));
            }
            return goString(b.build());
        }
        Labels.Builder all = l.toBuilder();
        for (String n : m.labels()) {
            all.remove(n);
        }
        return goString(all.remove(Labels.METRIC_NAME).build());
    }

    private static Labels resultMetric(Labels lhs, Labels rhs, BinaryExpr b, VectorMatching m) {
        Labels.Builder out = lhs.toBuilder();
        if (dropsName(b.op()) || b.returnBool()) {
            out.remove(Labels.METRIC_NAME);
        }
        if (m.card() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                List<String> drop = new ArrayList<>();
                for (var l : lhs) {
                    if (!m.labels().contains(l.name())) {
                        drop.add(l.name());
                    }
                }
                drop.forEach(out::remove);
            } else {
                m.labels().forEach(out::remove);
            }
        }
        for (String n : m.include()) {
            out.set(n, rhs.get(n));
        }
        return out.build();
    }

    /** Labels as Prometheus prints them in errors: {@code {__name__="x", job="y"}}. */
    static String goString(Labels l) {
        List<String> parts = new ArrayList<>();
        for (var label : l) {
            parts.add(label.name() + "=" + Printer.quote(label.value()));
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
