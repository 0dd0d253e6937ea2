package dev.vigil.promql.parser;

import java.util.Locale;
import java.util.Set;

/** One lexical token: its kind, source text (strings already unquoted) and character offset. */
record Token(TokenType type, String text, int pos, String raw) {
    Token(TokenType type, String text, int pos) {
        this(type, text, pos, text);
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "by", "without", "on",
            "ignoring", "group_left", "group_right", "bool", "offset", "start", "end");

    boolean is(TokenType t) {
        return type == t;
    }

    /** True for an identifier spelled like {@code word}, case-insensitively as PromQL keywords are. */
    boolean isWord(String word) {
        return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** How Prometheus names a token in "unexpected ..." messages. */
    String describe() {
        if (type == TokenType.EOF) {
            return "end of input";
        }
        if (type == TokenType.IDENTIFIER && KEYWORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return "<" + text.toLowerCase(Locale.ROOT) + ">";
        }
        if (type == TokenType.IDENTIFIER && Aggregation.byName(text).isPresent()) {
            return "<aggr:" + text.toLowerCase(Locale.ROOT) + ">";
        }
        if (type == TokenType.IDENTIFIER) {
            return "identifier " + Printer.quote(text);
        }
        if (type == TokenType.METRIC_IDENTIFIER) {
            return "metric identifier " + Printer.quote(text);
        }
        if (type == TokenType.AT) {
            // Prometheus 2.42 lacks @ in its token-name table and so names it this way in syntax errors.
            return "\"<Item 57385>\" <op:@>";
        }
        if (type.isOperator()) {
            return "<op:" + text + ">";
        }
        return switch (type) {
            case NUMBER -> "number " + Printer.quote(text);
            case DURATION -> "duration " + Printer.quote(text);
            case STRING -> "string " + Printer.quote(raw);
            default -> Printer.quote(text);
        };
    }
}
