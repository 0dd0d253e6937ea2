package dev.vigil.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into tokens: text between actions, and the tokens inside {@code {{ }}},
 * honouring Go's trim markers ({@code {{- } and {@code -}}}, which need a space beside the dash)
 * and comments ({@code {{/* ... *}{@code /}}}).
 */
final class Lexer {

    enum Kind { TEXT, LEFT, RIGHT, IDENT, FIELD, DOT, VAR, STRING, NUMBER, BOOL, NIL, LPAREN, RPAREN, PIPE, DECLARE, ASSIGN, COMMA, EOF }

    /** A token; {@code spaced} tells whether whitespace preceded it inside an action. */
    record Token(Kind kind, String text, Object value, Pos pos, boolean spaced) {
    }

    private final String name;
    private final String src;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String name, String src) {
        this.name = name;
        this.src = src;
    }

    static List<Token> lex(String name, String src) {
        Lexer l = new Lexer(name, src);
        l.run();
        return l.out;
    }

    private Pos pos(int at) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < at && k < src.length(); k++) {
            if (src.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Pos(line, col);
    }

    private TemplateException error(int at, String msg) {
        return new TemplateException("template: " + name + ":" + pos(at).line() + ": " + msg); // line only, as Go's parse errors
    }

    private void run() {
        boolean trimNextText = false;
        while (i < src.length()) {
            int open = src.indexOf("{{", i);
            String text = open < 0 ? src.substring(i) : src.substring(i, open);
            int textStart = i;
            if (trimNextText) {
                text = text.stripLeading();
            }
            // A left trim marker needs white space after the dash, so "{{-3}}" stays a number.
            boolean trimLeft = open >= 0 && src.startsWith("{{-", open) && open + 3 < src.length()
                    && " \t\r\n".indexOf(src.charAt(open + 3)) >= 0;
            if (trimLeft) {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                out.add(new Token(Kind.TEXT, text, text, pos(textStart), false));
            }
            if (open < 0) {
                break;
            }
            i = open + 2 + (trimLeft ? 2 : 0);
            trimNextText = action(open);
        }
        out.add(new Token(Kind.EOF, "", null, pos(src.length()), false));
    }

    /** Lexes one action starting after the delimiter; returns whether it ended with a right trim. */
    private boolean action(int open) {
        // Comments are skipped whole; they may only be surrounded by the delimiters and trim markers.
        int k = skipSpace(i);
        if (src.startsWith("/*", k)) {
            int end = src.indexOf("*/", k + 2);
            if (end < 0) {
                throw error(open, "unclosed comment");
            }
            int after = end + 2;
            if (src.startsWith(" -}}", after)) {
                i = after + 4;
                return true;
            }
            if (src.startsWith("}}", after)) {
                i = after + 2;
                return false;
            }
            throw error(open, "comment ends before closing delimiter");
        }
        out.add(new Token(Kind.LEFT, "{{", null, pos(open), false));
        int depth = 0;
        while (true) {
            int start = i;
            i = skipSpace(i);
            boolean spaced = i > start;
            if (i >= src.length()) {
                throw error(open, "unclosed action");
            }
            if (spaced && src.startsWith("-}}", i)) {
                out.add(new Token(Kind.RIGHT, "}}", null, pos(i), spaced));
                i += 3;
                return true;
            }
            if (src.startsWith("}}", i)) {
                if (depth > 0) {
                    throw error(i, "unclosed left paren");
                }
                out.add(new Token(Kind.RIGHT, "}}", null, pos(i), spaced));
                i += 2;
                return false;
            }
            char c = src.charAt(i);
            int at = i;
            switch (c) {
                case '(' -> {
                    depth++;
                    add(Kind.LPAREN, "(", null, at, spaced, 1);
                }
                case ')' -> {
                    if (--depth < 0) {
                        throw error(at, "unexpected right paren");
                    }
                    add(Kind.RPAREN, ")", null, at, spaced, 1);
                }
                case '|' -> add(Kind.PIPE, "|", null, at, spaced, 1);
                case ',' -> add(Kind.COMMA, ",", null, at, spaced, 1);
                case '=' -> add(Kind.ASSIGN, "=", null, at, spaced, 1);
                case ':' -> {
                    if (!src.startsWith(":=", at)) {
                        throw error(at, "expected :=");
                    }
                    add(Kind.DECLARE, ":=", null, at, spaced, 2);
                }
                case '"' -> quoted(at, spaced);
                case '`' -> {
                    int end = src.indexOf('`', at + 1);
                    if (end < 0) {
                        throw error(at, "unterminated raw quoted string");
                    }
                    String v = src.substring(at + 1, end);
                    add(Kind.STRING, src.substring(at, end + 1), v, at, spaced, end + 1 - at);
                }
                case '\'' -> character(at, spaced);
                case '$' -> {
                    int end = identEnd(at + 1);
                    add(Kind.VAR, src.substring(at, end), null, at, spaced, end - at);
                }
                case '.' -> {
                    if (at + 1 < src.length() && Character.isDigit(src.charAt(at + 1))) {
                        number(at, spaced);
                    } else {
                        int end = identEnd(at + 1);
                        if (end == at + 1) {
                            add(Kind.DOT, ".", null, at, spaced, 1);
                        } else {
                            add(Kind.FIELD, src.substring(at + 1, end), null, at, spaced, end - at);
                        }
                    }
                }
                default -> {
                    if (Character.isDigit(c) || ((c == '-' || c == '+') && at + 1 < src.length()
                            && Character.isDigit(src.charAt(at + 1)))) {
                        number(at, spaced);
                    } else if (Character.isLetter(c) || c == '_') {
                        int end = identEnd(at);
                        String word = src.substring(at, end);
                        switch (word) {
                            case "true", "false" -> add(Kind.BOOL, word, Boolean.valueOf(word), at, spaced, end - at);
                            case "nil" -> add(Kind.NIL, word, null, at, spaced, end - at);
                            default -> add(Kind.IDENT, word, null, at, spaced, end - at);
                        }
                    } else {
                        throw error(at, "unexpected \"" + c + "\" in command");
                    }
                }
            }
        }
    }

    private void add(Kind kind, String text, Object value, int at, boolean spaced, int length) {
        out.add(new Token(kind, text, value, pos(at), spaced));
        i = at + length;
    }

    private int skipSpace(int k) {
        while (k < src.length() && " \t\r\n".indexOf(src.charAt(k)) >= 0) {
            k++;
        }
        return k;
    }

    private int identEnd(int k) {
        while (k < src.length() && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '_')) {
            k++;
        }
        return k;
    }

    private void quoted(int at, boolean spaced) {
        StringBuilder sb = new StringBuilder();
        int k = at + 1;
        while (true) {
            if (k >= src.length() || src.charAt(k) == '\n') {
                throw error(at, "unterminated quoted string");
            }
            char c = src.charAt(k);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                k++;
                if (k >= src.length()) {
                    throw error(at, "unterminated quoted string");
                }
                char e = src.charAt(k);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '\\', '"', '\'' -> sb.append(e);
                    case 'u' -> {
                        if (k + 4 >= src.length()) {
                            throw error(at, "bad escape in quoted string");
                        }
                        sb.append((char) Integer.parseInt(src.substring(k + 1, k + 5), 16));
                        k += 4;
                    }
                    default -> throw error(k, "unknown escape sequence \\" + e);
                }
            } else {
                sb.append(c);
            }
            k++;
        }
        add(Kind.STRING, src.substring(at, k + 1), sb.toString(), at, spaced, k + 1 - at);
    }

    private void character(int at, boolean spaced) {
        int end = src.indexOf('\'', at + 1);
        if (end < 0 || end == at + 1) {
            throw error(at, "unterminated character constant");
        }
        String body = src.substring(at + 1, end);
        int cp = body.startsWith("\\") ? switch (body) {
            case "\\n" -> '\n';
            case "\\t" -> '\t';
            case "\\'" -> '\'';
            case "\\\\" -> '\\';
            default -> throw error(at, "unknown escape in character constant");
        } : body.codePointAt(0);
        add(Kind.NUMBER, src.substring(at, end + 1), (long) cp, at, spaced, end + 1 - at);
    }

    private void number(int at, boolean spaced) {
        int k = at;
        if (src.charAt(k) == '-' || src.charAt(k) == '+') {
            k++;
        }
        while (k < src.length() && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '.' || src.charAt(k) == '_'
                || ((src.charAt(k) == '-' || src.charAt(k) == '+') && (src.charAt(k - 1) == 'e' || src.charAt(k - 1) == 'E')))) {
            k++;
        }
        String text = src.substring(at, k);
        Object value;
        try {
            String clean = text.replace("_", "");
            if (clean.matches("[-+]?(0[xX][0-9a-fA-F]+|\\d+)")) {
                value = Long.decode(clean);
            } else {
                value = Double.parseDouble(clean);
            }
        } catch (NumberFormatException e) {
            throw error(at, "bad number syntax: \"" + text + "\"");
        }
        add(Kind.NUMBER, text, value, at, spaced, k - at);
    }
}
