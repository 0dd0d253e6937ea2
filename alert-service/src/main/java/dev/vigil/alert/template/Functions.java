package dev.vigil.alert.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions available to templates: Go's builtins, Alertmanager's ({@code toUpper},
 * {@code join}, {@code match}, {@code reReplaceAll}, {@code safeHtml}, {@code stringSlice}, ...)
 * and Prometheus' humanize family. {@code and}/{@code or} are listed here for the parser but
 * evaluated lazily by the executor, as Go does.
 */
public final class Functions {

    private Functions() {
    }

    /** A fresh, mutable map of the standard functions. */
    public static Map<String, TemplateFunction> standard() {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("and", a -> {
            throw new IllegalStateException("and is evaluated by the executor");
        });
        f.put("or", a -> {
            throw new IllegalStateException("or is evaluated by the executor");
        });
        f.put("not", a -> !Executor.truth(arity(a, 1, "not").get(0)));
        f.put("len", a -> length(arity(a, 1, "len").get(0)));
        f.put("index", Functions::index);
        f.put("print", a -> sprint(a));
        f.put("println", a -> {
            List<String> parts = new ArrayList<>();
            for (Object o : a) {
                parts.add(GoFormat.print(o));
            }
            return String.join(" ", parts) + "\n";
        });
        f.put("printf", a -> {
            if (a.isEmpty() || !(a.get(0) instanceof String fmt)) {
                throw new IllegalArgumentException("printf needs a format string");
            }
            return GoFormat.sprintf(fmt, a.subList(1, a.size()));
        });
        f.put("eq", Functions::eq);
        f.put("ne", a -> !Comparison.equal(arity(a, 2, "ne").get(0), a.get(1)));
        f.put("lt", a -> Comparison.compare(arity(a, 2, "lt").get(0), a.get(1)) < 0);
        f.put("le", a -> Comparison.compare(arity(a, 2, "le").get(0), a.get(1)) <= 0);
        f.put("gt", a -> Comparison.compare(arity(a, 2, "gt").get(0), a.get(1)) > 0);
        f.put("ge", a -> Comparison.compare(arity(a, 2, "ge").get(0), a.get(1)) >= 0);
        f.put("html", a -> htmlEscape(sprint(a)));
        f.put("urlquery", a -> URLEncoder.encode(sprint(a), StandardCharsets.UTF_8));
        f.put("js", a -> jsEscape(sprint(a)));

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
        f.put("match", a -> regex(str(arity(a, 2, "match").get(0))).matcher(str(a.get(1))).find());
        f.put("reReplaceAll", a -> replaceAll(regex(str(arity(a, 3, "reReplaceAll").get(0))), str(a.get(1)), str(a.get(2))));
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
            Duration d = dev.vigil.alert.config.am.PromDuration.parse(s);
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

    private static String sprint(List<Object> a) {
        // Go's Sprint adds spaces only between operands when neither is a string.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            if (i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(GoFormat.print(a.get(i)));
        }
        return sb.toString();
    }

    private static long length(Object o) {
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (o instanceof Collection<?> c) {
            return c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return m.size();
        }
        if (o instanceof TemplateObject t) {
            return t.member("len", List.of()).map(v -> ((Number) v).longValue())
                    .orElseThrow(() -> new IllegalArgumentException("len of " + o.getClass().getSimpleName()));
        }
        throw new IllegalArgumentException("len of " + (o == null ? "nil" : "type " + o.getClass().getSimpleName()));
    }

    private static Object index(List<Object> a) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        Object cur = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (cur instanceof Map<?, ?> m) {
                Object v = m.get(key);
                cur = v == null ? "" : v;
            } else if (cur instanceof List<?> l && key instanceof Number n) {
                int i = n.intValue();
                if (i < 0 || i >= l.size()) {
                    throw new IllegalArgumentException("index out of range: " + i);
                }
                cur = l.get(i);
            } else if (cur instanceof TemplateObject t) {
                Object k = key;
                cur = t.member("index", List.of(k)).orElseThrow(
                        () -> new IllegalArgumentException("can't index item of type " + t.getClass().getSimpleName()));
            } else {
                throw new IllegalArgumentException("can't index item of type " + (cur == null ? "nil" : cur.getClass().getSimpleName()));
            }
        }
        return cur;
    }

    private static boolean eq(List<Object> a) {
        if (a.size() < 2) {
            throw new IllegalArgumentException("missing argument for comparison");
        }
        for (Object o : a.subList(1, a.size())) {
            if (Comparison.equal(a.get(0), o)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern regex(String p) {
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + p + "`");
        }
    }

    /** Go's {@code Regexp.ReplaceAllString}: {@code $1}, {@code ${1}}, {@code ${name}}, {@code $$}. */
    static String replaceAll(Pattern p, String repl, String text) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int from = 0;
        int prevEnd = -1;
        while (from <= text.length() && m.find(from)) {
            boolean empty = m.start() == m.end();
            // Like Go, an empty match right after the previous match is not a match.
            if (!(empty && m.start() == prevEnd)) {
                out.append(text, last, m.start());
                expand(m, repl, out);
                last = m.end();
                prevEnd = m.end();
            }
            from = empty ? m.end() + 1 : m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void expand(Matcher m, String repl, StringBuilder out) {
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c != '$' || i + 1 >= repl.length()) {
                out.append(c);
                continue;
            }
            char n = repl.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                end = repl.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(c);
                    continue;
                }
                name = repl.substring(i + 2, end);
            } else {
                end = i + 1;
                while (end < repl.length() && (Character.isLetterOrDigit(repl.charAt(end)) || repl.charAt(end) == '_')) {
                    end++;
                }
                name = repl.substring(i + 1, end);
                end--;
                if (name.isEmpty()) {
                    out.append(c);
                    continue;
                }
            }
            out.append(group(m, name));
            i = end;
        }
    }

    private static String group(Matcher m, String name) {
        try {
            String g = name.chars().allMatch(Character::isDigit) ? (Integer.parseInt(name) <= m.groupCount()
                    ? m.group(Integer.parseInt(name)) : null) : m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException e) {
            return "";
        }
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

    static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case 0 -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                case '\n' -> sb.append("\\u000A");
                case '\r' -> sb.append("\\u000D");
                case '\t' -> sb.append("\\u0009");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
