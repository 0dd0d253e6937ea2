package dev.vigil.logql.template;

import dev.vigil.logql.regex.GoRegex;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The functions LogQL templates may call, keyed by name, with Go's and sprig's argument order (the
 * piped value is always the last argument: {@code {{ .a | replace "x" "y" }}} calls
 * {@code replace("x", "y", .a)}). The list is documented in the module README.
 */
public final class TemplateFunctions {
    @FunctionalInterface
    private interface Fn {
        Object apply(List<Object> args, TemplateData data);
    }

    private record Def(int minArgs, int maxArgs, Fn fn) {
    }

    private static final Map<String, Def> FUNCTIONS = new HashMap<>();

    static {
        // Go strings package, as Loki exposes it
        def("ToLower", 1, 1, (a, d) -> s(a, 0).toLowerCase());
        def("ToUpper", 1, 1, (a, d) -> s(a, 0).toUpperCase());
        def("Replace", 4, 4, (a, d) -> goReplace(s(a, 0), s(a, 1), s(a, 2), GoValues.toLong(a.get(3))));
        def("Trim", 2, 2, (a, d) -> trimSet(s(a, 0), s(a, 1), true, true));
        def("TrimLeft", 2, 2, (a, d) -> trimSet(s(a, 0), s(a, 1), true, false));
        def("TrimRight", 2, 2, (a, d) -> trimSet(s(a, 0), s(a, 1), false, true));
        def("TrimPrefix", 2, 2, (a, d) -> trimPrefix(s(a, 0), s(a, 1)));
        def("TrimSuffix", 2, 2, (a, d) -> trimSuffix(s(a, 0), s(a, 1)));
        def("TrimSpace", 1, 1, (a, d) -> s(a, 0).strip());
        def("Title", 1, 1, (a, d) -> title(s(a, 0)));
        // sprig subset
        def("lower", 1, 1, (a, d) -> s(a, 0).toLowerCase());
        def("upper", 1, 1, (a, d) -> s(a, 0).toUpperCase());
        def("title", 1, 1, (a, d) -> title(s(a, 0)));
        def("trim", 1, 1, (a, d) -> s(a, 0).strip());
        def("trimAll", 2, 2, (a, d) -> trimSet(s(a, 1), s(a, 0), true, true));
        def("trimPrefix", 2, 2, (a, d) -> trimPrefix(s(a, 1), s(a, 0)));
        def("trimSuffix", 2, 2, (a, d) -> trimSuffix(s(a, 1), s(a, 0)));
        def("replace", 3, 3, (a, d) -> s(a, 2).replace(s(a, 0), s(a, 1)));
        def("repeat", 2, 2, (a, d) -> s(a, 1).repeat((int) Math.max(0, GoValues.toLong(a.get(0)))));
        def("contains", 2, 2, (a, d) -> s(a, 1).contains(s(a, 0)));
        def("hasPrefix", 2, 2, (a, d) -> s(a, 1).startsWith(s(a, 0)));
        def("hasSuffix", 2, 2, (a, d) -> s(a, 1).endsWith(s(a, 0)));
        def("substr", 3, 3, (a, d) -> substr(s(a, 2), GoValues.toLong(a.get(0)), GoValues.toLong(a.get(1))));
        def("trunc", 2, 2, (a, d) -> trunc(s(a, 1), GoValues.toLong(a.get(0))));
        def("default", 1, 2, (a, d) -> a.size() < 2 || !GoValues.truthy(a.get(1)) ? a.get(0) : a.get(1));
        def("regexReplaceAll", 3, 3, (a, d) -> {
            GoRegex re = regex(s(a, 0));
            return re.pattern().matcher(s(a, 1)).replaceAll(re.javaReplacement(s(a, 2)));
        });
        def("regexReplaceAllLiteral", 3, 3, (a, d) -> regex(s(a, 0)).pattern().matcher(s(a, 1)).replaceAll(Matcher.quoteReplacement(s(a, 2))));
        def("regexMatch", 2, 2, (a, d) -> regex(s(a, 0)).pattern().matcher(s(a, 1)).find());
        def("alignLeft", 2, 2, (a, d) -> align(s(a, 1), GoValues.toLong(a.get(0)), true));
        def("alignRight", 2, 2, (a, d) -> align(s(a, 1), GoValues.toLong(a.get(0)), false));
        def("b64enc", 1, 1, (a, d) -> Base64.getEncoder().encodeToString(s(a, 0).getBytes(StandardCharsets.UTF_8)));
        def("b64dec", 1, 1, (a, d) -> b64dec(s(a, 0)));
        def("urlencode", 1, 1, (a, d) -> URLEncoder.encode(s(a, 0), StandardCharsets.UTF_8));
        def("urldecode", 1, 1, (a, d) -> URLDecoder.decode(s(a, 0), StandardCharsets.UTF_8));
        def("len", 1, 1, (a, d) -> (long) (a.get(0) instanceof Map<?, ?> m ? m.size() : s(a, 0).length()));
        def("printf", 1, Integer.MAX_VALUE, (a, d) -> GoFormat.sprintf(s(a, 0), a.subList(1, a.size())));
        // arithmetic, sprig semantics: integer functions truncate their arguments
        def("add", 2, 2, (a, d) -> GoValues.toLong(a.get(0)) + GoValues.toLong(a.get(1)));
        def("sub", 2, 2, (a, d) -> GoValues.toLong(a.get(0)) - GoValues.toLong(a.get(1)));
        def("mul", 2, 2, (a, d) -> GoValues.toLong(a.get(0)) * GoValues.toLong(a.get(1)));
        def("div", 2, 2, (a, d) -> intDiv(GoValues.toLong(a.get(0)), GoValues.toLong(a.get(1)), false));
        def("mod", 2, 2, (a, d) -> intDiv(GoValues.toLong(a.get(0)), GoValues.toLong(a.get(1)), true));
        def("addf", 2, 2, (a, d) -> GoValues.toFloat(a.get(0)) + GoValues.toFloat(a.get(1)));
        def("subf", 2, 2, (a, d) -> GoValues.toFloat(a.get(0)) - GoValues.toFloat(a.get(1)));
        def("mulf", 2, 2, (a, d) -> GoValues.toFloat(a.get(0)) * GoValues.toFloat(a.get(1)));
        def("divf", 2, 2, (a, d) -> GoValues.toFloat(a.get(0)) / GoValues.toFloat(a.get(1)));
        def("max", 2, 2, (a, d) -> Math.max(GoValues.toLong(a.get(0)), GoValues.toLong(a.get(1))));
        def("min", 2, 2, (a, d) -> Math.min(GoValues.toLong(a.get(0)), GoValues.toLong(a.get(1))));
        def("ceil", 1, 1, (a, d) -> Math.ceil(GoValues.toFloat(a.get(0))));
        def("floor", 1, 1, (a, d) -> Math.floor(GoValues.toFloat(a.get(0))));
        def("round", 2, 2, (a, d) -> round(GoValues.toFloat(a.get(0)), GoValues.toLong(a.get(1))));
        def("int", 1, 1, (a, d) -> GoValues.toLong(a.get(0)));
        def("float64", 1, 1, (a, d) -> GoValues.toFloat(a.get(0)));
        // comparisons and logic, as text/template's builtins
        def("eq", 2, Integer.MAX_VALUE, (a, d) -> a.subList(1, a.size()).stream().anyMatch(x -> equal(a.get(0), x)));
        def("ne", 2, 2, (a, d) -> !equal(a.get(0), a.get(1)));
        def("lt", 2, 2, (a, d) -> compare(a.get(0), a.get(1)) < 0);
        def("le", 2, 2, (a, d) -> compare(a.get(0), a.get(1)) <= 0);
        def("gt", 2, 2, (a, d) -> compare(a.get(0), a.get(1)) > 0);
        def("ge", 2, 2, (a, d) -> compare(a.get(0), a.get(1)) >= 0);
        def("and", 1, Integer.MAX_VALUE, (a, d) -> {
            for (Object x : a) {
                if (!GoValues.truthy(x)) {
                    return x;
                }
            }
            return a.get(a.size() - 1);
        });
        def("or", 1, Integer.MAX_VALUE, (a, d) -> {
            for (Object x : a) {
                if (GoValues.truthy(x)) {
                    return x;
                }
            }
            return a.get(a.size() - 1);
        });
        def("not", 1, 1, (a, d) -> !GoValues.truthy(a.get(0)));
        // the entry itself and time
        def("__line__", 0, 0, (a, d) -> d.line());
        def("__timestamp__", 0, 0, (a, d) -> time(d.timestampNanos()));
        def("unixEpoch", 1, 1, (a, d) -> ((ZonedDateTime) timeArg(a.get(0))).toEpochSecond());
        def("unixEpochMillis", 1, 1, (a, d) -> ((ZonedDateTime) timeArg(a.get(0))).toInstant().toEpochMilli());
        def("unixEpochNanos", 1, 1, (a, d) -> {
            Instant i = ((ZonedDateTime) timeArg(a.get(0))).toInstant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        });
        def("date", 2, 2, (a, d) -> GoTime.format((ZonedDateTime) timeArg(a.get(1)), s(a, 0)));
        def("toDate", 2, 2, (a, d) -> GoTimeParse.parse(s(a, 0), s(a, 1)));
        def("unixToTime", 1, 1, (a, d) -> unixToTime(s(a, 0)));
    }

    private TemplateFunctions() {
    }

    private static void def(String name, int min, int max, Fn fn) {
        FUNCTIONS.put(name, new Def(min, max, fn));
    }

    /** True when templates may call {@code name}. */
    public static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }

    static Object call(String name, List<Object> args, TemplateData data) {
        Def def = FUNCTIONS.get(name);
        if (args.size() < def.minArgs() || args.size() > def.maxArgs()) {
            throw new TemplateException("template: wrong number of args for " + name + ": want "
                    + (def.minArgs() == def.maxArgs() ? String.valueOf(def.minArgs()) : "at least " + def.minArgs())
                    + " got " + args.size());
        }
        return def.fn().apply(args, data);
    }

    private static String s(List<Object> a, int i) {
        return GoValues.str(a.get(i));
    }

    private static ZonedDateTime time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC);
    }

    private static Object timeArg(Object v) {
        if (v instanceof ZonedDateTime) {
            return v;
        }
        throw new TemplateException("template: expected a time, got " + GoValues.print(v));
    }

    private static ZonedDateTime unixToTime(String s) {
        try {
            long v = Long.parseLong(s.trim());
            return switch (s.trim().length()) {
                case 10 -> time(v * 1_000_000_000L);
                case 13 -> time(v * 1_000_000L);
                case 16 -> time(v * 1_000L);
                case 19 -> time(v);
                default -> throw new TemplateException("unixToTime: unable to parse " + s);
            };
        } catch (NumberFormatException e) {
            throw new TemplateException("unixToTime: unable to parse " + s);
        }
    }

    private static GoRegex regex(String re) {
        try {
            return GoRegex.compile(re);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("template: " + e.getMessage());
        }
    }

    private static String goReplace(String s, String old, String neu, long n) {
        if (n < 0) {
            return s.replace(old, neu);
        }
        String out = s;
        int from = 0;
        for (long i = 0; i < n; i++) {
            int idx = out.indexOf(old, from);
            if (idx < 0) {
                break;
            }
            out = out.substring(0, idx) + neu + out.substring(idx + old.length());
            from = idx + neu.length() + (old.isEmpty() ? 1 : 0);
        }
        return out;
    }

    private static String trimSet(String s, String cutset, boolean left, boolean right) {
        int b = 0;
        int e = s.length();
        while (left && b < e && cutset.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (right && e > b && cutset.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    private static String trimPrefix(String s, String p) {
        return !p.isEmpty() && s.startsWith(p) ? s.substring(p.length()) : s;
    }

    private static String trimSuffix(String s, String p) {
        return !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return sb.toString();
    }

    /** sprig's substr: a negative start means 0, a negative or too large end means the end. */
    private static String substr(String s, long start, long end) {
        if (start < 0) {
            return s.substring(0, (int) Math.min(end < 0 ? s.length() : end, s.length()));
        }
        if (end < 0 || end > s.length()) {
            return start > s.length() ? "" : s.substring((int) start);
        }
        if (start > end) {
            return "";
        }
        return s.substring((int) start, (int) end);
    }

    private static String trunc(String s, long n) {
        if (n < 0 && -n < s.length()) {
            return s.substring(s.length() + (int) n);
        }
        if (n >= 0 && n < s.length()) {
            return s.substring(0, (int) n);
        }
        return s;
    }

    private static String align(String s, long n, boolean left) {
        if (n < 0) {
            return s;
        }
        if (s.length() >= n) {
            return left ? s.substring(0, (int) n) : s.substring(s.length() - (int) n);
        }
        String pad = " ".repeat((int) n - s.length());
        return left ? s + pad : pad + s;
    }

    private static String b64dec(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static long intDiv(long a, long b, boolean mod) {
        if (b == 0) {
            throw new TemplateException("template: integer divide by zero");
        }
        return mod ? a % b : a / b;
    }

    private static double round(double v, long places) {
        double p = Math.pow(10, places);
        return Math.round(v * p) / p;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(GoValues.print(a), GoValues.print(b)) && a != null && b != null
                && (a.getClass() == b.getClass() || a instanceof String || b instanceof String);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new TemplateException("template: incompatible types for comparison");
    }
}
