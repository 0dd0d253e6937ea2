package dev.vigil.logql.parser;

import dev.vigil.model.GoStrings;
import dev.vigil.model.LabelMatcher;

import java.util.List;

import java.util.stream.Collectors;

/** Renders an AST back to LogQL text that parses to the same AST. */
public final class Printer {
    private Printer() {
    }

    /** The LogQL text of {@code e}. */
    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        expr(sb, e);
        return sb.toString();
    }

    private static void expr(StringBuilder sb, Expr e) {
        if (e instanceof LogSelectorExpr s) {
            selector(sb, s);
        } else if (e instanceof LiteralExpr l) {
            sb.append(number(l.value()));
        } else if (e instanceof VectorExpr v) {
            sb.append("vector(").append(number(v.value())).append(')');
        } else if (e instanceof RangeAggregationExpr r) {
            sb.append(r.op()).append('(');
            r.param().ifPresent(p -> sb.append(number(p)).append(','));
            LogRange lr = r.range();
            selector(sb, lr.selector());
            lr.unwrap().ifPresent(u -> unwrap(sb, u));
            sb.append('[').append(Units.formatDuration(lr.rangeNanos())).append(']');
            if (lr.offsetNanos() != 0) {
                sb.append(" offset ").append(Units.formatDuration(lr.offsetNanos()));
            }
            sb.append(')');
            r.grouping().ifPresent(g -> grouping(sb, g));
        } else if (e instanceof VectorAggregationExpr v) {
            sb.append(v.op());
            v.grouping().ifPresent(g -> grouping(sb, g));
            sb.append('(');
            v.param().ifPresent(p -> sb.append(number(p)).append(','));
            expr(sb, v.inner());
            sb.append(')');
        } else if (e instanceof BinaryOpExpr b) {
            sb.append('(');
            expr(sb, b.lhs());
            sb.append(' ').append(b.op());
            if (b.returnBool()) {
                sb.append(" bool");
            }
            VectorMatching m = b.matching();
            if (m.on() || !m.labels().isEmpty()) {
                sb.append(m.on() ? " on(" : " ignoring(").append(String.join(",", m.labels())).append(')');
            }
            if (m.card() == VectorMatching.Cardinality.MANY_TO_ONE || m.card() == VectorMatching.Cardinality.ONE_TO_MANY) {
                sb.append(m.card() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left(" : " group_right(")
                        .append(String.join(",", m.include())).append(')');
            }
            sb.append(' ');
            expr(sb, b.rhs());
            sb.append(')');
        } else if (e instanceof LabelReplaceExpr l) {
            sb.append("label_replace(");
            expr(sb, l.inner());
            for (String a : List.of(l.dst(), l.replacement(), l.src(), l.regex())) {
                sb.append(',').append(quote(a));
            }
            sb.append(')');
        }
    }

    private static void grouping(StringBuilder sb, Grouping g) {
        sb.append(g.without() ? " without (" : " by (").append(String.join(",", g.labels())).append(')');
    }

    private static void unwrap(StringBuilder sb, Unwrap u) {
        sb.append(" | unwrap ");
        if (u.conversion() == Unwrap.Conversion.FLOAT) {
            sb.append(u.label());
        } else {
            sb.append(u.conversion().function()).append('(').append(u.label()).append(')');
        }
        for (LabelFilterExpr f : u.postFilters()) {
            sb.append(" | ");
            labelFilter(sb, f);
        }
    }

    private static void selector(StringBuilder sb, LogSelectorExpr s) {
        sb.append('{').append(s.matchers().stream().map(Printer::matcher).collect(Collectors.joining(", "))).append('}');
        for (Stage st : s.stages()) {
            sb.append(' ');
            stage(sb, st);
        }
    }

    private static String matcher(LabelMatcher m) {
        return m.name() + m.type().op() + quote(m.value());
    }

    private static void stage(StringBuilder sb, Stage st) {
        if (st instanceof Stage.LineFilter f) {
            sb.append(f.op().symbol()).append(' ')
                    .append(f.alternatives().stream().map(Printer::quote).collect(Collectors.joining(" or ")));
        } else if (st instanceof Stage.Json j) {
            sb.append("| json").append(extractions(j.params()));
        } else if (st instanceof Stage.Logfmt l) {
            sb.append("| logfmt").append(l.strict() ? " --strict" : "")
                    .append(l.keepEmpty() ? " --keep-empty" : "").append(extractions(l.params()));
        } else if (st instanceof Stage.Regexp r) {
            sb.append("| regexp ").append(quote(r.regex()));
        } else if (st instanceof Stage.Pattern p) {
            sb.append("| pattern ").append(quote(p.pattern()));
        } else if (st instanceof Stage.Unpack) {
            sb.append("| unpack");
        } else if (st instanceof Stage.Decolorize) {
            sb.append("| decolorize");
        } else if (st instanceof Stage.LineFormat l) {
            sb.append("| line_format ").append(quote(l.template()));
        } else if (st instanceof Stage.LabelFormat l) {
            sb.append("| label_format ").append(l.items().stream()
                    .map(i -> i.dst() + "=" + (i.rename() ? i.value() : quote(i.value()))).collect(Collectors.joining(", ")));
        } else if (st instanceof Stage.Drop d) {
            sb.append("| drop ").append(specs(d.labels()));
        } else if (st instanceof Stage.Keep k) {
            sb.append("| keep ").append(specs(k.labels()));
        } else if (st instanceof Stage.LabelFilter l) {
            sb.append("| ");
            labelFilter(sb, l.filter());
        }
    }

    private static String extractions(List<Stage.Extraction> params) {
        if (params.isEmpty()) {
            return "";
        }
        return " " + params.stream().map(p -> p.label() + "=" + quote(p.expression())).collect(Collectors.joining(", "));
    }

    private static String specs(List<Stage.LabelSpec> specs) {
        return specs.stream().map(s -> s.matcher().map(Printer::matcher).orElse(s.name())).collect(Collectors.joining(", "));
    }

    private static void labelFilter(StringBuilder sb, LabelFilterExpr f) {
        if (f instanceof LabelFilterExpr.StringFilter s) {
            sb.append(matcher(s.matcher()));
        } else if (f instanceof LabelFilterExpr.NumericFilter n) {
            sb.append(n.name()).append(n.op().symbol()).append(number(n.value()));
        } else if (f instanceof LabelFilterExpr.DurationFilter d) {
            sb.append(d.name()).append(d.op().symbol()).append(Units.formatDuration(d.nanos()));
        } else if (f instanceof LabelFilterExpr.BytesFilter b) {
            sb.append(b.name()).append(b.op().symbol()).append(number(b.bytes())).append('B');
        } else if (f instanceof LabelFilterExpr.And a) {
            sb.append('(');
            labelFilter(sb, a.left());
            sb.append(" and ");
            labelFilter(sb, a.right());
            sb.append(')');
        } else if (f instanceof LabelFilterExpr.Or o) {
            sb.append('(');
            labelFilter(sb, o.left());
            sb.append(" or ");
            labelFilter(sb, o.right());
            sb.append(')');
        }
    }

    /** Go-style double-quoted string. */
    static String quote(String s) {
        return GoStrings.quote(s);
    }

    private static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
