package dev.vigil.logql.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code pattern} expression: literals and captures ({@code <name>}, {@code <_>} for an
 * unnamed one). As in Loki, it needs at least one named capture, two captures may not touch, and a
 * name may appear once.
 */
public record LinePattern(List<Part> parts) {
    /** A literal run of text, or a capture whose name is {@code "_"} when unnamed. */
    public record Part(boolean capture, String text) {
    }

    /** Parses {@code expr}; errors are {@link ParseException}s naming the problem. */
    public static LinePattern parse(String expr) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        Set<String> names = new HashSet<>();
        int named = 0;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '<') {
                int end = expr.indexOf('>', i);
                String name = end > 0 ? expr.substring(i + 1, end) : "";
                if (end > 0 && isName(name)) {
                    if (lit.length() > 0) {
                        parts.add(new Part(false, lit.toString()));
                        lit.setLength(0);
                    }
                    if (!parts.isEmpty() && parts.get(parts.size() - 1).capture()) {
                        throw new ParseException("invalid pattern " + expr + ": consecutive captures are not allowed");
                    }
                    if (!name.equals("_")) {
                        if (!names.add(name)) {
                            throw new ParseException("invalid pattern " + expr + ": duplicate capture " + name);
                        }
                        named++;
                    }
                    parts.add(new Part(true, name));
                    i = end + 1;
                    continue;
                }
            }
            lit.append(c);
            i++;
        }
        if (lit.length() > 0) {
            parts.add(new Part(false, lit.toString()));
        }
        if (named == 0) {
            throw new ParseException("invalid pattern " + expr + ": at least one named capture must be supplied");
        }
        return new LinePattern(List.copyOf(parts));
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!(Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                return false;
            }
        }
        return true;
    }
}
