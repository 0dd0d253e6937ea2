package dev.vigil.model.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Arrays;
import java.util.Map;

/**
 * A regular expression as Go's {@code regexp} package (RE2) reads and runs it, for every regex a
 * user supplies: PromQL and LogQL matchers, {@code label_replace}, LogQL line filters and the
 * {@code regexp} parser, Alertmanager matchers and silences, template functions.
 *
 * <p>RE2/J matches in time linear in the input, so no regex can pin a core the way a backtracking
 * engine can ({@code (a+){1,40}$}); it rejects what RE2 rejects (look-around, back-references)
 * with Go's own message, e.g. {@code error parsing regexp: invalid or unsupported Perl syntax: `(?=`}.
 * Replacement templates and "replace all" follow Go's {@code Expand} and {@code ReplaceAllString}.
 */
public final class GoRegexp {
    private final String expr;
    private final Pattern pattern;
    private final String[] names; // by group index; "" for unnamed groups and for group 0

    private GoRegexp(String expr, Pattern pattern) {
        this.expr = expr;
        this.pattern = pattern;
        this.names = new String[pattern.groupCount() + 1];
        Arrays.fill(names, "");
        for (Map.Entry<String, Integer> e : pattern.namedGroups().entrySet()) {
            names[e.getValue()] = e.getKey();
        }
    }

    /** Compiles {@code expr} unanchored, as Go's {@code regexp.Compile}. */
    public static GoRegexp compile(String expr) throws RegexSyntaxException {
        return new GoRegexp(expr, parse(expr, expr));
    }

    /**
     * Compiles {@code expr} anchored at both ends, as Prometheus and Loki compile label matchers and
     * {@code label_replace}: {@code ^(?:expr)$}. Errors name {@code expr} as the user wrote it.
     */
    public static GoRegexp anchored(String expr) throws RegexSyntaxException {
        return new GoRegexp(expr, parse("^(?:" + expr + ")$", expr));
    }

    private static Pattern parse(String full, String expr) throws RegexSyntaxException {
        try {
            return Pattern.compile(full);
        } catch (PatternSyntaxException e) {
            throw new RegexSyntaxException(e.getMessage(), e.getDescription());
        }
    }

    /** The regex as the user wrote it (without the anchors {@link #anchored} adds). */
    public String expr() {
        return expr;
    }

    /** Whether the whole of {@code s} matches (what an anchored regex asks). */
    public boolean matches(CharSequence s) {
        return pattern.matcher(s).matches();
    }

    /** Whether some part of {@code s} matches, as Go's {@code MatchString}. */
    public boolean find(CharSequence s) {
        return pattern.matcher(s).find();
    }

    /** Number of capturing groups. */
    public int groupCount() {
        return names.length - 1;
    }

    /** The name of group {@code i} ("" when unnamed), as Go's {@code SubexpNames()[i]}. */
    public String groupName(int i) {
        return names[i];
    }

    /**
     * The leftmost match in {@code s} and its groups (index 0 the whole match; null for a group that
     * did not take part), or null when nothing matches: Go's {@code FindStringSubmatch}.
     */
    public String[] submatch(String s) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return null;
        }
        return groups(m);
    }

    /**
     * Go's {@code ExpandString} for the leftmost match in {@code src}, or null when nothing matches:
     * what {@code label_replace} writes into its destination label.
     */
    public String expandFirst(String template, String src) {
        Matcher m = pattern.matcher(src);
        if (!m.find()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        expand(out, template, groups(m));
        return out.toString();
    }

    /** Go's {@code ReplaceAllString}: {@code $1}, {@code ${name}} in {@code template} expand per match. */
    public String replaceAll(String src, String template) {
        return replace(src, template, true);
    }

    /** Go's {@code ReplaceAllLiteralString}: {@code repl} is inserted as it is. */
    public String replaceAllLiteral(String src, String repl) {
        return replace(src, repl, false);
    }

    private String replace(String src, String template, boolean expand) {
        Matcher m = pattern.matcher(src);
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= src.length() && m.find(searchPos)) {
            int start = m.start();
            int end = m.end();
            out.append(src, lastMatchEnd, start);
            // As in Go: no replacement for an empty match right after the previous match.
            if (end > lastMatchEnd || start == 0) {
                if (expand) {
                    expand(out, template, groups(m));
                } else {
                    out.append(template);
                }
            }
            lastMatchEnd = end;
            int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
            searchPos = Math.max(searchPos + width, end);
        }
        out.append(src, lastMatchEnd, src.length());
        return out.toString();
    }

    private String[] groups(Matcher m) {
        String[] g = new String[names.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = m.group(i);
        }
        return g;
    }

    /** Go's {@code Regexp.expand}: {@code $$} is a dollar, {@code $name}/{@code ${name}} a group, anything else raw. */
    private void expand(StringBuilder out, String template, String[] groups) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < n) {
                int cp = template.codePointAt(nameEnd);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                nameEnd += Character.charCount(cp);
            }
            if (nameEnd == nameStart || (brace && (nameEnd >= n || template.charAt(nameEnd) != '}'))) {
                out.append('$'); // malformed: the dollar is literal text
                continue;
            }
            String name = template.substring(nameStart, nameEnd);
            i = brace ? nameEnd + 1 : nameEnd;
            int num = groupNumber(name);
            if (num >= 0) {
                if (num < groups.length && groups[num] != null) {
                    out.append(groups[num]);
                }
            } else {
                for (int g = 0; g < names.length; g++) {
                    if (name.equals(names[g])) {
                        if (groups[g] != null) {
                            out.append(groups[g]);
                        }
                        break;
                    }
                }
            }
        }
        out.append(template, Math.min(i, n), n);
    }

    /** A group reference's number, or -1 when it is a name (Go: ASCII digits, no leading zero, below 1e8). */
    private static int groupNumber(String name) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        return name.length() > 1 && name.charAt(0) == '0' ? -1 : num;
    }

    @Override
    public String toString() {
        return expr;
    }
}
