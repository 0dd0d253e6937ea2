package dev.vigil.promql.parser;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Brings a PromQL (RE2-syntax) regex to {@link java.util.regex.Pattern}: rejects what RE2 does not
 * support (look-around, back-references, possessive and atomic groups), and rewrites what the two
 * spell differently ({@code (?P<name>)}, POSIX classes, literal {@code [} and {@code &&} inside classes).
 */
public final class Re2 {
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "0-9"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "a-z"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\t\\n\\x0B\\f\\r "), Map.entry("upper", "A-Z"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "0-9A-Fa-f"));

    private Re2() {
    }

    /** The Java spelling of an RE2 regex; throws IllegalArgumentException when RE2 would reject it. */
    public static String toJava(String re) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int n = re.length();
        for (int k = 0; k < n; k++) {
            char c = re.charAt(k);
            if (c == '\\') {
                if (k + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash at end of expression");
                }
                char e = re.charAt(++k);
                if (e == 'Q') {
                    int end = re.indexOf("\\E", k + 1);
                    String lit = end < 0 ? re.substring(k + 1) : re.substring(k + 1, end);
                    out.append(Pattern.quote(lit));
                    k = end < 0 ? n : end + 1;
                    continue;
                }
                if ((e >= '1' && e <= '9') || "ZGKRXhHVkN".indexOf(e) >= 0) {
                    throw new IllegalArgumentException("invalid escape sequence: `\\" + e + "`");
                }
                out.append('\\').append(e);
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' && re.startsWith("[:", k)) {
                    int end = re.indexOf(":]", k + 2);
                    if (end < 0) {
                        out.append("\\[");
                        continue;
                    }
                    String name = re.substring(k + 2, end);
                    boolean negated = name.startsWith("^");
                    String cls = POSIX.get(negated ? name.substring(1) : name);
                    if (cls == null) {
                        throw new IllegalArgumentException("invalid character class range: `[:" + name + ":]`");
                    }
                    out.append(negated ? "[^" + cls + "]" : cls);
                    k = end + 1;
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    if (k + 1 < n && re.charAt(k + 1) == '^') {
                        out.append('^');
                        k++;
                    }
                    if (k + 1 < n && re.charAt(k + 1) == ']') {
                        out.append("\\]");
                        k++;
                    }
                }
                case '(' -> {
                    if (re.startsWith("(?P<", k)) {
                        out.append("(?<");
                        k += 3;
                    } else if (re.startsWith("(?=", k) || re.startsWith("(?!", k) || re.startsWith("(?<=", k)
                            || re.startsWith("(?<!", k) || re.startsWith("(?>", k)) {
                        throw new IllegalArgumentException("invalid or unsupported Perl syntax: `" + re.substring(k, Math.min(n, k + 3)) + "`");
                    } else {
                        out.append(c);
                    }
                }
                case '*', '+', '?', '}' -> {
                    out.append(c);
                    if (k + 1 < n && re.charAt(k + 1) == '+' && (c != '}' || isRepeatClose(re, k))) {
                        throw new IllegalArgumentException("invalid nested repetition operator: `" + c + "+`");
                    }
                }
                default -> out.append(c);
            }
        }
        String java = out.toString();
        try {
            Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + ": `" + re + "`", e);
        }
        return java;
    }

    private static boolean isRepeatClose(String re, int closeIdx) {
        int open = re.lastIndexOf('{', closeIdx);
        return open >= 0 && re.substring(open + 1, closeIdx).matches("\\d+(,\\d*)?");
    }

    /** The reason a regex was rejected, for error messages. */
    public static String message(IllegalArgumentException e) {
        return e.getMessage();
    }
}
