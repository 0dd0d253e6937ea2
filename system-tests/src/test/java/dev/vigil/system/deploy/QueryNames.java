package dev.vigil.system.deploy;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import dev.vigil.promql.parser.AggregateExpr;
import dev.vigil.promql.parser.BinaryExpr;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Expr;
import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.ParenExpr;
import dev.vigil.promql.parser.SubqueryExpr;
import dev.vigil.promql.parser.UnaryExpr;
import dev.vigil.promql.parser.VectorSelector;
import dev.vigil.logql.parser.BinaryOpExpr;
import dev.vigil.logql.parser.LabelReplaceExpr;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.parser.RangeAggregationExpr;
import dev.vigil.logql.parser.VectorAggregationExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a parsed query reads: the metric names of a PromQL expression, the stream labels of a LogQL one. */
final class QueryNames {
    private QueryNames() {
    }

    /** Metric names the expression selects, from the selector name or an exact {@code __name__} matcher. */
    static Set<String> metrics(Expr expr) {
        Set<String> out = new TreeSet<>();
        for (VectorSelector s : selectors(expr, new ArrayList<>())) {
            if (!s.name().isEmpty()) {
                out.add(s.name());
            }
            s.matchers().stream().filter(m -> m.name().equals("__name__") && m.type() == MatchType.EQUAL)
                    .forEach(m -> out.add(m.value()));
        }
        return out;
    }

    static List<VectorSelector> selectors(Expr expr, List<VectorSelector> out) {
        if (expr instanceof VectorSelector v) {
            out.add(v);
        } else if (expr instanceof MatrixSelector m) {
            out.add(m.selector());
        } else if (expr instanceof SubqueryExpr s) {
            selectors(s.expr(), out);
        } else if (expr instanceof Call c) {
            c.args().forEach(a -> selectors(a, out));
        } else if (expr instanceof AggregateExpr a) {
            selectors(a.expr(), out);
            a.param().ifPresent(p -> selectors(p, out));
        } else if (expr instanceof BinaryExpr b) {
            selectors(b.lhs(), out);
            selectors(b.rhs(), out);
        } else if (expr instanceof UnaryExpr u) {
            selectors(u.expr(), out);
        } else if (expr instanceof ParenExpr p) {
            selectors(p.expr(), out);
        }
        return out;
    }

    /** Label names the LogQL expression's stream selectors match on. */
    static Set<String> streamLabels(dev.vigil.logql.parser.Expr expr) {
        Set<String> out = new TreeSet<>();
        for (LogSelectorExpr s : streamSelectors(expr, new ArrayList<>())) {
            s.matchers().stream().map(LabelMatcher::name).forEach(out::add);
        }
        return out;
    }

    static List<LogSelectorExpr> streamSelectors(dev.vigil.logql.parser.Expr expr, List<LogSelectorExpr> out) {
        if (expr instanceof LogSelectorExpr s) {
            out.add(s);
        } else if (expr instanceof RangeAggregationExpr r) {
            out.add(r.range().selector());
        } else if (expr instanceof VectorAggregationExpr v) {
            streamSelectors(v.inner(), out);
        } else if (expr instanceof BinaryOpExpr b) {
            streamSelectors(b.lhs(), out);
            streamSelectors(b.rhs(), out);
        } else if (expr instanceof LabelReplaceExpr l) {
            streamSelectors(l.inner(), out);
        }
        return out;
    }
}
