package dev.vigil.logql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Go (RE2) regular expression with Java's engine. Go writes named groups
 * {@code (?P<name>...)} and allows {@code _} in group names, Java does not, so each named group is
 * renamed {@code g1, g2, ...} and {@link #names()} keeps the original names in group order.
 */
public record GoRegex(Pattern pattern, List<String> names) {
    /** Compiles {@code regex}; a syntax error becomes a {@link ParseException} naming the regex. */
    public static GoRegex compile(String regex) {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '(' && (regex.startsWith("(?P<", i) || (regex.startsWith("(?<", i) && !regex.startsWith("(?<=", i) && !regex.startsWith("(?<!", i)))) {
                int nameStart = regex.indexOf('<', i) + 1;
                int nameEnd = regex.indexOf('>', nameStart);
                if (nameEnd < 0) {
                    throw new ParseException("invalid regex " + regex + ": missing closing > in group name");
                }
                names.add(regex.substring(nameStart, nameEnd));
                out.append("(?<g").append(names.size()).append('>');
                i = nameEnd + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        try {
            return new GoRegex(Pattern.compile(out.toString()), List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new ParseException("invalid regex " + regex + ": " + e.getDescription());
        }
    }

    /** Java group name of the i-th named group (0-based). */
    public static String groupName(int i) {
        return "g" + (i + 1);
    }
}
