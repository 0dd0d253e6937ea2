package dev.vigil.gotemplate;

import dev.vigil.model.GoStrings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's value printing ({@code fmt.Sprint}) and the {@code printf} verbs templates use, so that a
 * float prints as Go prints it ({@code 1e+06}, {@code 0.5}) and {@code %.4g} matches Prometheus'
 * humanize functions digit for digit.
 */
public final class GoFormat {

    private GoFormat() {
    }

    /** {@code fmt.Sprint} of one value. */
    public static String print(Object v) {
        if (v == null) {
            return "<no value>";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float) {
            return formatFloat(((Number) v).doubleValue(), 'g', -1);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                sb.append(first ? "" : " ").append(print(e.getKey())).append(':').append(print(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                parts.add(print(o));
            }
            return "[" + String.join(" ", parts) + "]";
        }
        if (GoTime.isTime(v)) {
            return GoTime.string(v);
        }
        return v.toString();
    }

    /**
     * Formats like Go's {@code strconv.FormatFloat} with verb 'g', 'e' or 'f'; {@code prec} -1
     * asks for the shortest representation that reads back exactly.
     */
    public static String formatFloat(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        BigDecimal d = new BigDecimal(Math.abs(v));
        boolean shortest = prec < 0;
        if (verb == 'f' && !shortest) {
            String s = d.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
            return (neg ? "-" : "") + s;
        }
        String digits;
        int dp;
        if (v == 0) {
            digits = "0";
            dp = 1;
        } else {
            BigDecimal r;
            if (shortest) {
                r = new BigDecimal(Double.toString(Math.abs(v)));
            } else {
                int sig = verb == 'e' ? prec + 1 : Math.max(prec, 1);
                r = d.round(new MathContext(sig, RoundingMode.HALF_EVEN));
            }
            r = r.stripTrailingZeros();
            digits = r.unscaledValue().toString();
            dp = digits.length() - r.scale();
        }
        int nd = digits.length();
        String body;
        if (verb == 'e') {
            body = fmtE(digits, dp, shortest ? nd - 1 : prec);
        } else if (verb == 'f') {
            body = fmtF(digits, dp, Math.max(nd - dp, 0));
        } else {
            int p = shortest ? nd : Math.max(prec, 1);
            int eprec = p;
            if (eprec > nd && nd >= dp) {
                eprec = nd;
            }
            if (shortest) {
                eprec = 6;
            }
            int exp = dp - 1;
            if (exp < -4 || exp >= eprec) {
                body = fmtE(digits, dp, Math.min(p, nd) - 1);
            } else {
                body = fmtF(digits, dp, Math.max((p > dp ? nd : p) - dp, 0));
            }
        }
        return (neg ? "-" : "") + body;
    }

    private static String fmtE(String digits, int dp, int frac) {
        StringBuilder sb = new StringBuilder();
        sb.append(digits.charAt(0));
        if (frac > 0) {
            sb.append('.');
            for (int i = 1; i <= frac; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        int exp = digits.equals("0") ? 0 : dp - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }

    private static String fmtF(String digits, int dp, int frac) {
        StringBuilder sb = new StringBuilder();
        if (dp > 0) {
            for (int i = 0; i < dp; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        } else {
            sb.append('0');
        }
        if (frac > 0) {
            sb.append('.');
            for (int i = 0; i < frac; i++) {
                int j = dp + i;
                sb.append(j >= 0 && j < digits.length() ? digits.charAt(j) : '0');
            }
        }
        return sb.toString();
    }

    /** Go's {@code %q}: a double-quoted string with Go escapes. */
    public static String quote(String s) {
        return GoStrings.quote(s);
    }

    /**
     * Where the number starting at {@code j} ends, as Go's {@code parsenum} reads it: once the value
     * passes 1e6 before another digit the number is "crazy long" and the whole rest of the format
     * is consumed (Go then prints {@code %!(NOVERB)}), so no width or precision tops 9,999,999.
     */
    private static int digitsEnd(String format, int j) {
        long num = 0;
        while (j < format.length() && format.charAt(j) >= '0' && format.charAt(j) <= '9') {
            if (num > 1_000_000) {
                return format.length();
            }
            num = num * 10 + (format.charAt(j) - '0');
            j++;
        }
        return j;
    }

    /** Go's {@code fmt.Sprintf} for the verbs %v %s %d %o %c %f %F %e %E %g %G %q %x %X %t %% with flags, width and precision. */
    public static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            StringBuilder flags = new StringBuilder();
            while (j < format.length() && "-+ 0#".indexOf(format.charAt(j)) >= 0) {
                flags.append(format.charAt(j++));
            }
            int width = -1;
            int start = j;
            j = digitsEnd(format, j);
            if (j > start && j < format.length()) {
                width = Integer.parseInt(format.substring(start, j));
            }
            int prec = -1;
            if (j < format.length() && format.charAt(j) == '.') {
                j++;
                start = j;
                j = digitsEnd(format, j);
                prec = j > start && j < format.length() ? Integer.parseInt(format.substring(start, j)) : 0;
            }
            if (j >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object a = args.get(argi++);
            String s = verb(verb, flags.toString(), prec, a);
            out.append(pad(s, width, flags.indexOf("-") >= 0, flags.indexOf("0") >= 0 && "dfFeEgGxXo".indexOf(verb) >= 0));
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            List<String> extra = new ArrayList<>();
            for (Object o : args.subList(argi, args.size())) {
                extra.add(GoValues.typeName(o) + "=" + print(o));
            }
            out.append(String.join(", ", extra)).append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, String flags, int prec, Object a) {
        String plus = flags.contains("+") ? "+" : "";
        switch (verb) {
            case 'v', 's' -> {
                String s = print(a);
                return prec >= 0 && s.length() > prec ? s.substring(0, prec) : s;
            }
            case 'q' -> {
                return quote(print(a));
            }
            case 't' -> {
                return a instanceof Boolean ? a.toString() : bad(verb, a);
            }
            case 'd' -> {
                if (a instanceof Long || a instanceof Integer) {
                    long l = ((Number) a).longValue();
                    return (l >= 0 ? plus : "") + l;
                }
                return bad(verb, a);
            }
            case 'o' -> {
                if (a instanceof Long || a instanceof Integer) {
                    long l = ((Number) a).longValue();
                    return (l < 0 ? "-" : plus) + Long.toOctalString(Math.abs(l));
                }
                return bad(verb, a);
            }
            case 'c' -> {
                return a instanceof Long || a instanceof Integer ? Character.toString(((Number) a).intValue()) : bad(verb, a);
            }
            case 'x', 'X' -> {
                String s;
                if (a instanceof Long || a instanceof Integer) {
                    long l = ((Number) a).longValue();
                    // Go writes a sign and the magnitude, not the two's complement.
                    s = (l < 0 ? "-" : "") + Long.toHexString(Math.abs(l));
                } else if (a instanceof String str) {
                    StringBuilder sb = new StringBuilder();
                    for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        sb.append(String.format("%02x", b & 0xff));
                    }
                    s = sb.toString();
                } else {
                    return bad(verb, a);
                }
                return verb == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
            }
            case 'E', 'G' -> {
                String s = verb(Character.toLowerCase(verb), flags, prec, a);
                return s.startsWith("%!") ? "%!" + verb + s.substring(3) : s.toUpperCase(java.util.Locale.ROOT);
            }
            case 'f', 'F', 'e', 'g' -> {
                if (!(a instanceof Number n)) {
                    return bad(verb, a);
                }
                double d = n.doubleValue();
                char v = verb == 'F' ? 'f' : verb;
                int p = prec >= 0 ? prec : (v == 'g' ? -1 : 6);
                String s = formatFloat(d, v, p);
                return (d >= 0 && !Double.isNaN(d) && !s.startsWith("+") ? plus : "") + s;
            }
            default -> {
                return "%!" + verb + "(" + GoValues.typeName(a) + "=" + print(a) + ")";
            }
        }
    }

    private static String bad(char verb, Object a) {
        return "%!" + verb + "(" + GoValues.typeName(a) + "=" + print(a) + ")";
    }

    private static String pad(String s, int width, boolean left, boolean zero) {
        if (width < 0 || s.length() >= width) {
            return s;
        }
        String fill = (zero && !left ? "0" : " ").repeat(width - s.length());
        if (left) {
            return s + fill;
        }
        if (zero && (s.startsWith("-") || s.startsWith("+"))) {
            return s.charAt(0) + fill + s.substring(1);
        }
        return fill + s;
    }
}
