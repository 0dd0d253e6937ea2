package dev.vigil.logql.template;

import java.util.List;
import java.util.Locale;

/** The part of Go's {@code fmt.Sprintf} that templates use: %s %v %d %f %g %e %x %X %q %t %%, with flags, width and precision. */
final class GoFormat {
    private GoFormat() {
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        int argi = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            int start = i++;
            while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            if (i >= format.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            String spec = format.substring(start, i - 1);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (argi >= args.size()) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object a = args.get(argi++);
            sb.append(one(spec, verb, a));
        }
        if (argi < args.size()) {
            sb.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                sb.append(k > argi ? ", " : "").append(typeName(args.get(k))).append('=').append(GoValues.print(args.get(k)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String one(String spec, char verb, Object a) {
        switch (verb) {
            case 's', 'v' -> {
                return String.format(Locale.ROOT, spec + "s", GoValues.print(a));
            }
            case 'q' -> {
                return String.format(Locale.ROOT, spec + "s", "\"" + GoValues.print(a).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            case 't' -> {
                return a instanceof Boolean ? String.format(Locale.ROOT, spec + "s", a) : bad(verb, a);
            }
            case 'd', 'x', 'X', 'o' -> {
                if (a instanceof Long l) {
                    return String.format(Locale.ROOT, spec + verb, l);
                }
                if (verb != 'd' && a instanceof String s) {
                    StringBuilder hex = new StringBuilder();
                    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        hex.append(String.format(verb == 'x' ? "%02x" : "%02X", b));
                    }
                    return hex.toString();
                }
                return bad(verb, a);
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (a instanceof Number n && (verb == 'g' || verb == 'G') && !spec.contains(".")) {
                    // Go's %g without a precision is the shortest representation, like %v.
                    return String.format(Locale.ROOT, spec + "s", GoValues.formatFloat(n.doubleValue()));
                }
                if (a instanceof Number n) {
                    String p = spec.contains(".") || verb == 'g' || verb == 'G' ? spec : spec + ".6";
                    return String.format(Locale.ROOT, p + verb, n.doubleValue());
                }
                return bad(verb, a);
            }
            default -> {
                return bad(verb, a);
            }
        }
    }

    private static String bad(char verb, Object a) {
        return "%!" + verb + "(" + typeName(a) + "=" + GoValues.print(a) + ")";
    }

    private static String typeName(Object a) {
        if (a instanceof Long) {
            return "int";
        }
        if (a instanceof Double) {
            return "float64";
        }
        if (a instanceof Boolean) {
            return "bool";
        }
        return "string";
    }
}
