package dev.vigil.logql.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Go (RE2) regular expression with Java's engine. Go writes named groups
 * {@code (?P<name>...)} and allows {@code _} in group names, Java does not, so each named group is
 * renamed {@code g1, g2, ...} and {@link #names()} keeps the original names in group order.
 * A regex that does not compile is an {@link IllegalArgumentException} whose message names it.
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
                    throw new IllegalArgumentException("invalid regex " + regex + ": missing closing > in group name");
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
            throw new IllegalArgumentException("invalid regex " + regex + ": " + e.getDescription());
        }
    }

    /**
     * Go's replacement syntax ({@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, where a
     * name runs as far as letters, digits and {@code _} go) as a Java replacement string for this
     * regex; a reference to a group that does not exist expands to "", as in Go.
     */
    public String javaReplacement(String repl) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < repl.length()) {
            char c = repl.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
                i++;
                continue;
            }
            if (c != '$') {
                sb.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            String name;
            if (j < repl.length() && repl.charAt(j) == '{') {
                int end = repl.indexOf('}', j);
                if (end < 0) {
                    sb.append("\\$");
                    i++;
                    continue;
                }
                name = repl.substring(j + 1, end);
                i = end + 1;
            } else {
                int end = j;
                while (end < repl.length() && (Character.isLetterOrDigit(repl.charAt(end)) || repl.charAt(end) == '_')) {
                    end++;
                }
                name = repl.substring(j, end);
                i = end;
            }
            if (name.isEmpty()) {
                sb.append("\\$");
            } else if (name.chars().allMatch(Character::isDigit)) {
                if (Integer.parseInt(name) <= pattern.matcher("").groupCount()) {
                    sb.append('$').append(Integer.parseInt(name));
                }
            } else {
                int idx = names.indexOf(name);
                if (idx >= 0) {
                    sb.append("${").append(groupName(idx)).append('}');
                }
            }
        }
        return sb.toString();
    }

    /** Java group name of the i-th named group (0-based). */
    public static String groupName(int i) {
        return "g" + (i + 1);
    }
}
