package dev.vigil.logql.format;

import dev.vigil.gotemplate.GoTime;
import dev.vigil.gotemplate.GoValues;
import dev.vigil.gotemplate.TemplateFunction;
import dev.vigil.gotemplate.TemplateSet;
import dev.vigil.model.regex.GoRegexp;
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

/**
 * The functions Loki adds to Go's templates for {@code line_format} and {@code label_format}: Go's
 * strings package and the sprig subset Loki exposes, sprig's lenient arithmetic, and the entry's
 * line and time. Go's own builtins ({@code printf}, {@code len}, {@code eq}, {@code and}, ...)
 * come with the template engine. Arguments follow Go's and sprig's order, the piped value last:
 * {@code {{ .a | replace "x" "y" }}} calls {@code replace("x", "y", .a)}. Listed in the module README.
 */
final class LokiFunctions {
    private record Def(int minArgs, int maxArgs, TemplateFunction fn) {
    }

    /** Placeholders for the functions that read the entry; {@link Template} binds them per line. */
    static final String LINE = "__line__";
    static final String TIMESTAMP = "__timestamp__";

    private static final Map<String, Def> FUNCTIONS = new HashMap<>();

    static {
        // Go strings package, as Loki exposes it
        def("ToLower", 1, 1, a -> s(a, 0).toLowerCase());
        def("ToUpper", 1, 1, a -> s(a, 0).toUpperCase());
        def("Replace", 4, 4, a -> goReplace(s(a, 0), s(a, 1), s(a, 2), toLong(a.get(3))));
        def("Trim", 2, 2, a -> trimSet(s(a, 0), s(a, 1), true, true));
        def("TrimLeft", 2, 2, a -> trimSet(s(a, 0), s(a, 1), true, false));
        def("TrimRight", 2, 2, a -> trimSet(s(a, 0), s(a, 1), false, true));
        def("TrimPrefix", 2, 2, a -> trimPrefix(s(a, 0), s(a, 1)));
        def("TrimSuffix", 2, 2, a -> trimSuffix(s(a, 0), s(a, 1)));
        def("TrimSpace", 1, 1, a -> s(a, 0).strip());
        def("Title", 1, 1, a -> title(s(a, 0)));
        // sprig subset
        def("lower", 1, 1, a -> s(a, 0).toLowerCase());
        def("upper", 1, 1, a -> s(a, 0).toUpperCase());
        def("title", 1, 1, a -> title(s(a, 0)));
        def("trim", 1, 1, a -> s(a, 0).strip());
        def("trimAll", 2, 2, a -> trimSet(s(a, 1), s(a, 0), true, true));
        def("trimPrefix", 2, 2, a -> trimPrefix(s(a, 1), s(a, 0)));
        def("trimSuffix", 2, 2, a -> trimSuffix(s(a, 1), s(a, 0)));
        def("replace", 3, 3, a -> s(a, 2).replace(s(a, 0), s(a, 1)));
        def("repeat", 2, 2, a -> repeat(s(a, 1), toLong(a.get(0))));
        def("contains", 2, 2, a -> s(a, 1).contains(s(a, 0)));
        def("hasPrefix", 2, 2, a -> s(a, 1).startsWith(s(a, 0)));
        def("hasSuffix", 2, 2, a -> s(a, 1).endsWith(s(a, 0)));
        def("substr", 3, 3, a -> substr(s(a, 2), toLong(a.get(0)), toLong(a.get(1))));
        def("trunc", 2, 2, a -> trunc(s(a, 1), toLong(a.get(0))));
        def("default", 1, 2, a -> a.size() < 2 || !GoValues.truth(a.get(1)) ? a.get(0) : a.get(1));
        def("regexReplaceAll", 3, 3, a -> GoRegexp.compile(s(a, 0)).replaceAll(s(a, 1), s(a, 2)));
        def("regexReplaceAllLiteral", 3, 3, a -> GoRegexp.compile(s(a, 0)).replaceAllLiteral(s(a, 1), s(a, 2)));
        def("regexMatch", 2, 2, a -> GoRegexp.compile(s(a, 0)).find(s(a, 1)));
        def("alignLeft", 2, 2, a -> align(s(a, 1), toLong(a.get(0)), true));
        def("alignRight", 2, 2, a -> align(s(a, 1), toLong(a.get(0)), false));
        def("b64enc", 1, 1, a -> Base64.getEncoder().encodeToString(s(a, 0).getBytes(StandardCharsets.UTF_8)));
        def("b64dec", 1, 1, a -> b64dec(s(a, 0)));
        def("urlencode", 1, 1, a -> URLEncoder.encode(s(a, 0), StandardCharsets.UTF_8));
        def("urldecode", 1, 1, a -> URLDecoder.decode(s(a, 0), StandardCharsets.UTF_8));
        // arithmetic, sprig semantics: integer functions truncate their arguments
        def("add", 2, 2, a -> toLong(a.get(0)) + toLong(a.get(1)));
        def("sub", 2, 2, a -> toLong(a.get(0)) - toLong(a.get(1)));
        def("mul", 2, 2, a -> toLong(a.get(0)) * toLong(a.get(1)));
        def("div", 2, 2, a -> intDiv(toLong(a.get(0)), toLong(a.get(1)), false));
        def("mod", 2, 2, a -> intDiv(toLong(a.get(0)), toLong(a.get(1)), true));
        def("addf", 2, 2, a -> toFloat(a.get(0)) + toFloat(a.get(1)));
        def("subf", 2, 2, a -> toFloat(a.get(0)) - toFloat(a.get(1)));
        def("mulf", 2, 2, a -> toFloat(a.get(0)) * toFloat(a.get(1)));
        def("divf", 2, 2, a -> toFloat(a.get(0)) / toFloat(a.get(1)));
        def("max", 2, 2, a -> Math.max(toLong(a.get(0)), toLong(a.get(1))));
        def("min", 2, 2, a -> Math.min(toLong(a.get(0)), toLong(a.get(1))));
        def("ceil", 1, 1, a -> Math.ceil(toFloat(a.get(0))));
        def("floor", 1, 1, a -> Math.floor(toFloat(a.get(0))));
        def("round", 2, 2, a -> round(toFloat(a.get(0)), toLong(a.get(1))));
        def("int", 1, 1, a -> toLong(a.get(0)));
        def("float64", 1, 1, a -> toFloat(a.get(0)));
        // the entry itself and time
        def(LINE, 0, 0, a -> {
            throw new IllegalStateException("__line__ is bound to each entry by Template");
        });
        def(TIMESTAMP, 0, 0, a -> {
            throw new IllegalStateException("__timestamp__ is bound to each entry by Template");
        });
        def("unixEpoch", 1, 1, a -> timeArg(a.get(0)).toEpochSecond());
        def("unixEpochMillis", 1, 1, a -> timeArg(a.get(0)).toInstant().toEpochMilli());
        def("unixEpochNanos", 1, 1, a -> {
            Instant i = timeArg(a.get(0)).toInstant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        });
        def("date", 2, 2, a -> GoTime.format(timeArg(a.get(1)), s(a, 0)));
        def("toDate", 2, 2, a -> GoTime.parse(s(a, 0), s(a, 1)));
        def("unixToTime", 1, 1, a -> unixToTime(s(a, 0)));
    }

    private LokiFunctions() {
    }

    private static void def(String name, int min, int max, TemplateFunction fn) {
        FUNCTIONS.put(name, new Def(min, max, fn));
    }

    /** The functions as the template engine takes them, each checking its number of arguments. */
    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> out = new HashMap<>();
        FUNCTIONS.forEach((name, def) -> out.put(name, args -> {
            if (args.size() < def.minArgs() || args.size() > def.maxArgs()) {
                throw new IllegalArgumentException("wrong number of args for " + name + ": want "
                        + (def.minArgs() == def.maxArgs() ? String.valueOf(def.minArgs()) : "at least " + def.minArgs())
                        + " got " + args.size());
            }
            return def.fn().apply(args);
        }));
        return out;
    }

    private static String s(List<Object> a, int i) {
        return Template.print(a.get(i));
    }

    static ZonedDateTime time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC);
    }

    private static ZonedDateTime timeArg(Object v) {
        if (v instanceof ZonedDateTime z) {
            return z;
        }
        if (v instanceof Instant i) {
            return i.atZone(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("expected a time, got " + Template.print(v));
    }

    private static ZonedDateTime unixToTime(String s) {
        try {
            long v = Long.parseLong(s.trim());
            return switch (s.trim().length()) {
                case 10 -> time(v * 1_000_000_000L);
                case 13 -> time(v * 1_000_000L);
                case 16 -> time(v * 1_000L);
                case 19 -> time(v);
                default -> throw new IllegalArgumentException("unixToTime: unable to parse " + s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unixToTime: unable to parse " + s);
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

    private static String repeat(String s, long count) {
        long n = Math.max(0, count);
        TemplateSet.checkOutputSize(s.isEmpty() ? 0 : (n > Integer.MAX_VALUE ? Long.MAX_VALUE : n * s.length()));
        return s.repeat((int) n);
    }

    private static String align(String s, long n, boolean left) {
        TemplateSet.checkOutputSize(n);
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
            throw new IllegalArgumentException("integer divide by zero");
        }
        return mod ? a % b : a / b;
    }

    private static double round(double v, long places) {
        double p = Math.pow(10, places);
        return Math.round(v * p) / p;
    }

    /** sprig's toFloat64: strings are parsed, anything unparsable is 0. */
    private static double toFloat(Object v) {
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
    private static long toLong(Object v) {
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
}
