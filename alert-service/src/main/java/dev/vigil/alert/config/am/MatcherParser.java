package dev.vigil.alert.config.am;

import dev.vigil.model.regex.RegexSyntaxException;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Alertmanager's matcher strings: one matcher ({@code severity=~"crit|warn"}, quotes
 * optional) or a comma-separated list, optionally in braces ({@code {a="1",b!="2"}}), with the
 * same quoting and escaping rules as Alertmanager 0.25 ({@code pkg/labels/parse.go}).
 */
public final class MatcherParser {
    // '=~' comes before '=' so that '=' does not swallow the operator and leave '~' in the value.
    private static final Pattern MATCHER = Pattern.compile(
            "^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*(.*?)\\s*$", Pattern.DOTALL);
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private MatcherParser() {
    }

    /** Parses a comma-separated list of matchers, with or without surrounding braces. */
    public static List<LabelMatcher> parseList(String text) {
        String s = text;
        if (s.startsWith("{")) {
            s = s.substring(1);
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',' -> {
                    if (!insideQuotes) {
                        tokens.add(token.toString());
                        token.setLength(0);
                        continue;
                    }
                }
                case '"' -> {
                    if (!escaped) {
                        insideQuotes = !insideQuotes;
                    } else {
                        escaped = false;
                    }
                }
                case '\\' -> escaped = !escaped;
                default -> escaped = false;
            }
            token.append(c);
        }
        if (!token.toString().isBlank()) {
            tokens.add(token.toString().strip());
        }
        List<LabelMatcher> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            out.add(parse(t));
        }
        return List.copyOf(out);
    }

    /** Parses one matcher such as {@code severity=~"crit|warn"} or {@code env=prod}. */
    public static LabelMatcher parse(String text) {
        Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new ConfigException("bad matcher format: " + text);
        }
        String raw = m.group(3);
        boolean expectTrailingQuote = false;
        if (raw.startsWith("\"")) {
            raw = raw.substring(1);
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            if (c == '\\') {
                if (i < raw.length() - 1) {
                    escaped = true;
                    continue;
                }
                value.append('\\');
            } else if (c == '"') {
                if (!expectTrailingQuote || i < raw.length() - 1) {
                    throw new ConfigException("matcher value contains unescaped double quote: " + m.group(3));
                }
                expectTrailingQuote = false;
            } else {
                value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw new ConfigException("matcher value contains unescaped double quote: " + m.group(3));
        }
        MatchType type = switch (m.group(2)) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        return matcher(type, m.group(1), value.toString());
    }

    /** Builds a matcher, turning a bad regex into a {@link ConfigException}. */
    public static LabelMatcher matcher(MatchType type, String name, String value) {
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new ConfigException("invalid label name \"" + name + "\"");
        }
        try {
            return new LabelMatcher(type, name, value);
        } catch (RegexSyntaxException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** True for a valid Prometheus label name. */
    public static boolean isValidLabelName(String name) {
        return LABEL_NAME.matcher(name).matches();
    }
}
