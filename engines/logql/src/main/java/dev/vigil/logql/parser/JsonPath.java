package dev.vigil.logql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON path of a {@code | json label="expression"} parameter: {@code a.b}, {@code a[0]},
 * {@code ["key with spaces"]}, combined freely. Parsed into keys ({@link String}) and array indexes
 * ({@link Integer}).
 */
public final class JsonPath {
    private JsonPath() {
    }

    /** The steps of {@code expr}; a {@link ParseException} when it is not a valid path. */
    public static List<Object> parse(String expr) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        StringBuilder ident = new StringBuilder();
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '.') {
                flush(ident, out);
                i++;
            } else if (c == '[') {
                flush(ident, out);
                int end = expr.indexOf(']', i);
                if (end < 0) {
                    throw new ParseException("invalid JSON expression " + expr + ": missing ]");
                }
                String inner = expr.substring(i + 1, end).trim();
                if (inner.startsWith("\"") && inner.endsWith("\"") && inner.length() >= 2) {
                    out.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        out.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw new ParseException("invalid JSON expression " + expr + ": bad index " + inner);
                    }
                }
                i = end + 1;
            } else {
                ident.append(c);
                i++;
            }
        }
        flush(ident, out);
        if (out.isEmpty()) {
            throw new ParseException("invalid JSON expression " + expr);
        }
        return List.copyOf(out);
    }

    private static void flush(StringBuilder ident, List<Object> out) {
        if (ident.length() > 0) {
            out.add(ident.toString());
            ident.setLength(0);
        }
    }
}
