package dev.vigil.logql.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for log lines. Objects become {@link LinkedHashMap}s (key order kept),
 * arrays {@link List}s, strings {@link String}s, numbers {@link Number} records holding their source
 * text (Loki copies number text as written), {@code true}/{@code false} {@link Boolean}s and
 * {@code null} {@link #NULL}.
 */
final class Json {
    /** A JSON number, kept as written. */
    record Number(String text) {
    }

    /** JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Malformed JSON. */
    static final class JsonError extends Exception {
        JsonError(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    static Object parse(String text) throws JsonError {
        Json j = new Json(text);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.i != text.length()) {
            throw new JsonError("unexpected data after the top-level value at offset " + j.i);
        }
        return v;
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private Object value() throws JsonError {
        if (i >= s.length()) {
            throw new JsonError("unexpected end of input");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek('}')) {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    if (!peek('"')) {
                        throw new JsonError("expected a string key at offset " + i);
                    }
                    String k = string();
                    ws();
                    if (!peek(':')) {
                        throw new JsonError("expected ':' at offset " + i);
                    }
                    i++;
                    ws();
                    m.put(k, value());
                    ws();
                    if (peek(',')) {
                        i++;
                    } else if (peek('}')) {
                        i++;
                        return m;
                    } else {
                        throw new JsonError("expected ',' or '}' at offset " + i);
                    }
                }
            }
            case '[' -> {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek(']')) {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (peek(',')) {
                        i++;
                    } else if (peek(']')) {
                        i++;
                        return l;
                    } else {
                        throw new JsonError("expected ',' or ']' at offset " + i);
                    }
                }
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                return literal("true", Boolean.TRUE);
            }
            case 'f' -> {
                return literal("false", Boolean.FALSE);
            }
            case 'n' -> {
                return literal("null", NULL);
            }
            default -> {
                int start = i;
                if (peek('-')) {
                    i++;
                }
                while (i < s.length() && ("0123456789.eE+-".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                String t = s.substring(start, i);
                try {
                    Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new JsonError("invalid character at offset " + start);
                }
                return new Number(t);
            }
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private Object literal(String word, Object v) throws JsonError {
        if (!s.startsWith(word, i)) {
            throw new JsonError("invalid literal at offset " + i);
        }
        i += word.length();
        return v;
    }

    private String string() throws JsonError {
        i++;
        StringBuilder sb = null;
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String out = sb == null ? s.substring(start, i) : sb.toString();
                i++;
                return out;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(start, i));
                }
                if (i + 1 >= s.length()) {
                    break;
                }
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case '/', '\\', '"' -> sb.append(e);
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new JsonError("invalid unicode escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new JsonError("invalid unicode escape");
                        }
                        i += 4;
                    }
                    default -> throw new JsonError("invalid escape \\" + e);
                }
                continue;
            }
            if (sb != null) {
                sb.append(c);
            }
            i++;
        }
        throw new JsonError("unterminated string");
    }

    /** Compact JSON text of a parsed value (what a JSON-path extraction yields for objects and arrays). */
    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote((String) e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                write(l.get(k), sb);
            }
            sb.append(']');
        } else if (v instanceof String str) {
            quote(str, sb);
        } else if (v instanceof Number n) {
            sb.append(n.text());
        } else {
            sb.append(v);
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}
