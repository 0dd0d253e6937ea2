package dev.vigil.promql.parser;

import dev.vigil.model.GoStrings;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Renders an AST as canonical PromQL, the same text Prometheus's {@code String()} (format_query) gives. */
public final class Printer {
    private Printer() {
    }

    public static String print(Expr e) {
        if (e instanceof NumberLiteral n) {
            return literal(n.value());
        }
        if (e instanceof StringLiteral s) {
            return quote(s.value());
        }
        if (e instanceof VectorSelector vs) {
            return selector(vs) + at(vs.at()) + offset(vs.offsetMs());
        }
        if (e instanceof MatrixSelector ms) {
            return selector(ms.selector()) + "[" + Durations.format(ms.rangeMs()) + "]"
                    + at(ms.selector().at()) + offset(ms.selector().offsetMs());
        }
        if (e instanceof SubqueryExpr sq) {
            return print(sq.expr()) + "[" + Durations.format(sq.rangeMs()) + ":"
                    + (sq.stepMs() == 0 ? "" : Durations.format(sq.stepMs())) + "]" + at(sq.at()) + offset(sq.offsetMs());
        }
        if (e instanceof Call c) {
            return c.function().name() + "(" + join(c.args()) + ")";
        }
        if (e instanceof AggregateExpr a) {
            return aggregate(a);
        }
        if (e instanceof BinaryExpr b) {
            return print(b.lhs()) + " " + b.op().symbol() + (b.returnBool() ? " bool" : "")
                    + b.matching().map(Printer::matching).orElse("") + " " + print(b.rhs());
        }
        if (e instanceof UnaryExpr u) {
            return (u.negate() ? "-" : "+") + print(u.expr());
        }
        return "(" + print(((ParenExpr) e).expr()) + ")";
    }

    private static String join(List<Expr> args) {
        List<String> parts = new ArrayList<>();
        for (Expr a : args) {
            parts.add(print(a));
        }
        return String.join(", ", parts);
    }

    private static String aggregate(AggregateExpr a) {
        StringBuilder sb = new StringBuilder(a.op().keyword());
        if (a.without()) {
            sb.append(" without (").append(String.join(", ", a.grouping())).append(") ");
        } else if (!a.grouping().isEmpty()) {
            sb.append(" by (").append(String.join(", ", a.grouping())).append(") ");
        }
        sb.append('(');
        a.param().ifPresent(p -> sb.append(print(p)).append(", "));
        return sb.append(print(a.expr())).append(')').toString();
    }

    private static String matching(VectorMatching vm) {
        if (vm.labels().isEmpty() && !vm.on()) {
            return "";
        }
        String s = " " + (vm.on() ? "on" : "ignoring") + " (" + String.join(", ", vm.labels()) + ")";
        if (vm.card() == VectorMatching.Cardinality.MANY_TO_ONE || vm.card() == VectorMatching.Cardinality.ONE_TO_MANY) {
            s += " group_" + (vm.card() == VectorMatching.Cardinality.MANY_TO_ONE ? "left" : "right")
                    + " (" + String.join(", ", vm.include()) + ")";
        }
        return s;
    }

    private static String selector(VectorSelector vs) {
        List<String> parts = new ArrayList<>();
        for (LabelMatcher m : vs.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL && m.value().equals(vs.name())) {
                continue;
            }
            parts.add(m.name() + m.type().op() + quote(m.value()));
        }
        if (parts.isEmpty()) {
            return vs.name();
        }
        Collections.sort(parts);
        return vs.name() + "{" + String.join(",", parts) + "}";
    }

    private static String at(AtModifier at) {
        return switch (at.kind()) {
            case NONE -> "";
            case START -> " @ start()";
            case END -> " @ end()";
            case TIMESTAMP -> " @ " + String.format(Locale.ROOT, "%.3f", at.timestampMs() / 1000.0);
        };
    }

    private static String offset(long ms) {
        if (ms > 0) {
            return " offset " + Durations.format(ms);
        }
        if (ms < 0) {
            return " offset -" + Durations.format(-ms);
        }
        return "";
    }

    /** A float as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * A number literal as Go's {@code fmt.Sprint(float64)} writes it: shortest digits, in exponent
     * form ({@code 1e+06}, {@code 1.5e-05}) when the decimal exponent is below -4 or at least 6.
     */
    public static String literal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return number(v);
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = d.precision() - d.scale() - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int a = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
        }
        return number(v);
    }

    /** A string quoted as Go's {@code %q} does. */
    public static String quote(String s) {
        return GoStrings.quote(s);
    }
}
