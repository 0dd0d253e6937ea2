package dev.vigil.alert.functions;

import dev.vigil.model.regex.GoRegexp;
import dev.vigil.alert.config.am.PromDuration;
import dev.vigil.gotemplate.GoFormat;
import dev.vigil.gotemplate.TemplateFunction;
import dev.vigil.gotemplate.TemplateSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions Alertmanager ({@code toUpper}, {@code join}, {@code match}, {@code reReplaceAll},
 * {@code safeHtml}, {@code stringSlice}, ...) and Prometheus ({@code humanize} and friends,
 * {@code toTime}, {@code parseDuration}) add to Go's templates; Go's own builtins come with every
 * {@link TemplateSet}.
 */
public final class AlertFunctions {

    private AlertFunctions() {
    }

    /** A template set with Go's builtins and these functions. */
    public static TemplateSet newSet() {
        return newSet(Map.of());
    }

    /** A template set with Go's builtins, these functions and {@code extra} (which wins on a clash). */
    public static TemplateSet newSet(Map<String, TemplateFunction> extra) {
        Map<String, TemplateFunction> f = standard();
        f.putAll(extra);
        return new TemplateSet(f);
    }

    /** A fresh, mutable map of Alertmanager's and Prometheus' functions. */
    public static Map<String, TemplateFunction> standard() {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("toUpper", a -> str(arity(a, 1, "toUpper").get(0)).toUpperCase(Locale.ROOT));
        f.put("toLower", a -> str(arity(a, 1, "toLower").get(0)).toLowerCase(Locale.ROOT));
        f.put("title", a -> title(str(arity(a, 1, "title").get(0))));
        f.put("trimSpace", a -> str(arity(a, 1, "trimSpace").get(0)).strip());
        f.put("join", a -> {
            arity(a, 2, "join");
            List<String> parts = new ArrayList<>();
            for (Object o : list(a.get(1), "join")) {
                parts.add(GoFormat.print(o));
            }
            return String.join(str(a.get(0)), parts);
        });
        f.put("match", a -> GoRegexp.compile(str(arity(a, 2, "match").get(0))).find(str(a.get(1))));
        f.put("reReplaceAll", a -> GoRegexp.compile(str(arity(a, 3, "reReplaceAll").get(0))).replaceAll(str(a.get(2)), str(a.get(1))));
        f.put("safeHtml", a -> str(arity(a, 1, "safeHtml").get(0)));
        f.put("stringSlice", a -> {
            List<String> out = new ArrayList<>();
            for (Object o : a) {
                out.add(str(o));
            }
            return List.copyOf(out);
        });

        f.put("humanize", a -> Humanize.humanize(number(arity(a, 1, "humanize").get(0))));
        f.put("humanize1024", a -> Humanize.humanize1024(number(arity(a, 1, "humanize1024").get(0))));
        f.put("humanizeDuration", a -> Humanize.humanizeDuration(number(arity(a, 1, "humanizeDuration").get(0))));
        f.put("humanizePercentage", a -> Humanize.humanizePercentage(number(arity(a, 1, "humanizePercentage").get(0))));
        f.put("humanizeTimestamp", a -> Humanize.humanizeTimestamp(number(arity(a, 1, "humanizeTimestamp").get(0))));
        f.put("toTime", a -> {
            return Humanize.toTime(number(arity(a, 1, "toTime").get(0)));
        });
        f.put("parseDuration", a -> {
            String s = str(arity(a, 1, "parseDuration").get(0));
            Duration d = PromDuration.parse(s);
            return d.toMillis() / 1000.0;
        });
        return f;
    }

    static List<Object> arity(List<Object> a, int n, String name) {
        if (a.size() != n) {
            throw new IllegalArgumentException("wrong number of args for " + name + ": want " + n + " got " + a.size());
        }
        return a;
    }

    static String str(Object o) {
        return o instanceof String s ? s : GoFormat.print(o);
    }

    /** Converts numbers and numeric strings to double, as Prometheus' convertToFloat does. */
    static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("can't convert \"" + s + "\" to float");
            }
        }
        throw new IllegalArgumentException("can't convert " + GoFormat.print(o) + " to float");
    }

    private static Collection<?> list(Object o, String fn) {
        if (o instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException(fn + " expects a list, got " + GoFormat.print(o));
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return sb.toString();
    }

}
