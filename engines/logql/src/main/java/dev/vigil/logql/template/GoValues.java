package dev.vigil.logql.template;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Map;

/** How Go's templates print values and decide truth, and sprig's lenient number conversions. */
final class GoValues {
    private GoValues() {
    }

    static String print(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return formatFloat(d);
        }
        if (v instanceof ZonedDateTime t) {
            return GoTime.format(t, "2006-01-02 15:04:05.999999999 -0700 MST");
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(e.getKey()).append(':').append(e.getValue());
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    /** Go's %v for float64: shortest representation, exponent form for large/small magnitudes. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toPlainString();
        }
        double a = Math.abs(d);
        BigDecimal shortest = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        if (a < 1e-4 || a >= 1e21) {
            String digits = shortest.unscaledValue().toString();
            int exp = digits.length() - 1 - shortest.scale();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return (d < 0 ? "-" : "") + shortest.toPlainString();
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** sprig's toFloat64: strings are parsed, anything unparsable is 0. */
    static double toFloat(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** sprig's toInt64: floats truncate, strings are parsed, anything unparsable is 0. */
    static long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n) {
            return (long) n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return (long) toFloat(s);
            }
        }
        return v instanceof Boolean b && b ? 1 : 0;
    }

    static String str(Object v) {
        return print(v);
    }
}
