package dev.vigil.gotemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions Go's text/template defines itself ({@code builtins()} in Go's funcs.go): and, or,
 * not, len, index, slice, call, print, printf, println, eq, ne, lt, le, gt, ge, html, js, urlquery.
 * {@code and}/{@code or} are listed so the parser knows them, but the executor evaluates them
 * lazily, as Go does since 1.18.
 */
final class Builtins {

    private Builtins() {
    }

    /** A fresh, mutable map of Go's builtin functions. */
    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("and", a -> {
            throw new IllegalStateException("and is evaluated by the executor");
        });
        f.put("or", a -> {
            throw new IllegalStateException("or is evaluated by the executor");
        });
        f.put("not", a -> !GoValues.truth(arity(a, 1, "not").get(0)));
        f.put("len", a -> length(arity(a, 1, "len").get(0)));
        f.put("index", Builtins::index);
        f.put("slice", Builtins::slice);
        f.put("call", Builtins::call);
        f.put("print", GoValues::sprint);
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
        f.put("eq", Builtins::eq);
        f.put("ne", a -> !Comparison.equal(arity(a, 2, "ne").get(0), a.get(1)));
        f.put("lt", a -> Comparison.compare(arity(a, 2, "lt").get(0), a.get(1)) < 0);
        f.put("le", a -> Comparison.compare(arity(a, 2, "le").get(0), a.get(1)) <= 0);
        f.put("gt", a -> Comparison.compare(arity(a, 2, "gt").get(0), a.get(1)) > 0);
        f.put("ge", a -> Comparison.compare(arity(a, 2, "ge").get(0), a.get(1)) >= 0);
        f.put("html", a -> htmlEscape(GoValues.sprint(a)));
        f.put("urlquery", a -> URLEncoder.encode(GoValues.sprint(a), StandardCharsets.UTF_8));
        f.put("js", a -> jsEscape(GoValues.sprint(a)));
        return f;
    }

    /** Throws Go's message when {@code a} does not hold exactly {@code n} arguments. */
    static List<Object> arity(List<Object> a, int n, String name) {
        if (a.size() != n) {
            throw new IllegalArgumentException("wrong number of args for " + name + ": want " + n + " got " + a.size());
        }
        return a;
    }

    private static long length(Object o) {
        if (o instanceof String s) {
            // Go's len counts the bytes of the UTF-8 encoding, not characters.
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
        throw new IllegalArgumentException("len of " + (o == null ? "nil" : "type " + GoValues.typeName(o)));
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
                long i = n.longValue();
                if (i < 0 || i >= l.size()) {
                    throw new IllegalArgumentException("index out of range: " + i);
                }
                cur = l.get((int) i);
            } else if (cur instanceof String s && key instanceof Number n) {
                // Go indexes a string by byte and yields a uint8.
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                long i = n.longValue();
                if (i < 0 || i >= b.length) {
                    throw new IllegalArgumentException("index out of range: " + i);
                }
                cur = (long) (b[(int) i] & 0xff);
            } else if (cur instanceof TemplateObject t) {
                cur = t.member("index", List.of(key)).orElseThrow(
                        () -> new IllegalArgumentException("can't index item of type " + t.getClass().getSimpleName()));
            } else if (cur == null) {
                throw new IllegalArgumentException("index of untyped nil");
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(cur));
            }
        }
        return cur;
    }

    /** {@code slice x 1 2} is Go's {@code x[1:2]}, on strings (by byte, as Go) and lists. */
    private static Object slice(List<Object> a) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        if (a.size() > 4) {
            throw new IllegalArgumentException("too many slice indexes: " + (a.size() - 1));
        }
        Object item = a.get(0);
        int len;
        if (item instanceof String s) {
            if (a.size() == 4) {
                throw new IllegalArgumentException("cannot 3-index slice a string");
            }
            len = s.getBytes(StandardCharsets.UTF_8).length;
        } else if (item instanceof List<?> l) {
            len = l.size();
        } else {
            throw new IllegalArgumentException("can't slice item of type " + GoValues.typeName(item));
        }
        long[] idx = {0, len};
        for (int i = 1; i < a.size() && i < 3; i++) {
            if (!(a.get(i) instanceof Long || a.get(i) instanceof Integer)) {
                throw new IllegalArgumentException("cannot index slice/array with type " + GoValues.typeName(a.get(i)));
            }
            idx[i - 1] = ((Number) a.get(i)).longValue();
            if (idx[i - 1] < 0 || idx[i - 1] > len) {
                throw new IllegalArgumentException("index out of range: " + idx[i - 1]);
            }
        }
        if (idx[0] > idx[1]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (item instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return new String(b, (int) idx[0], (int) (idx[1] - idx[0]), StandardCharsets.UTF_8);
        }
        return List.copyOf(((List<?>) item).subList((int) idx[0], (int) idx[1]));
    }

    /** {@code call .F a b}: calls a function found in the data, as Go calls a func value. */
    private static Object call(List<Object> a) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("wrong number of args for call: want at least 1 got 0");
        }
        if (!(a.get(0) instanceof TemplateFunction fn)) {
            throw new IllegalArgumentException("non-function of type " + GoValues.typeName(a.get(0)));
        }
        return fn.apply(new ArrayList<>(a.subList(1, a.size())));
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

    /** Go's {@code template.HTMLEscapeString}. */
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

    /** Go's {@code template.JSEscapeString}. */
    static String jsEscape(String s) {
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
