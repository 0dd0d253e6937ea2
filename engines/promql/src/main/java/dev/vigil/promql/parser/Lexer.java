package dev.vigil.promql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL query into tokens. Keywords, aggregation and function names come out as
 * identifiers because PromQL lets label names reuse them; the parser gives them meaning by position.
 */
final class Lexer {
    private final String in;
    private int pos;
    private final List<Token> out = new ArrayList<>();
    private int parenDepth;
    private boolean inBrackets;
    private boolean inBraces;
    private boolean colonInBrackets;

    /** A lexing error; it becomes an ERROR token so that earlier parse errors are reported first. */
    private static final class LexError extends RuntimeException {
        final int pos;

        LexError(int pos, String message) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }

    private Lexer(String in) {
        this.in = in;
    }

    static List<Token> lex(String input) {
        Lexer l = new Lexer(input);
        try {
            l.run();
        } catch (LexError e) {
            l.out.add(new Token(TokenType.ERROR, e.getMessage(), e.pos));
        }
        return l.out;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= in.length()) {
                if (inBraces) {
                    throw new LexError(pos, "unexpected end of input inside braces");
                }
                if (inBrackets) {
                    throw new LexError(pos, "unclosed left bracket");
                }
                if (parenDepth > 0) {
                    throw new LexError(pos, "unclosed left parenthesis");
                }
                out.add(new Token(TokenType.EOF, "", pos));
                return;
            }
            char c = in.charAt(pos);
            int start = pos;
            if (isAlpha(c)) {
                identifier(start);
            } else if (inBraces && "=!~,}\"'`".indexOf(c) < 0) {
                throw new LexError(start, "unexpected character inside braces: '" + c + "'");
            } else if (isDigit(c) || (c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1)))) {
                numberOrDuration(start);
            } else if (c == '"' || c == '\'' || c == '`') {
                String value = string(c);
                out.add(new Token(TokenType.STRING, value, start, in.substring(start, pos)));
            } else {
                operator(c, start);
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '#') {
                while (pos < in.length() && in.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void identifier(int start) {
        boolean colon = false;
        while (pos < in.length() && (isAlpha(in.charAt(pos)) || isDigit(in.charAt(pos)) || in.charAt(pos) == ':')) {
            colon |= in.charAt(pos) == ':';
            pos++;
        }
        out.add(new Token(colon ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER, in.substring(start, pos), start));
    }

    private void numberOrDuration(int start) {
        if (tryDuration(start)) {
            return;
        }
        pos = start;
        if (inBrackets) {
            throw new LexError(start, "missing unit character in duration");
        }
        if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
            pos += 2;
            while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else {
            digits();
            if (pos < in.length() && in.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < in.length() && isDigit(in.charAt(pos))) {
                    digits();
                } else {
                    pos = save;
                }
            }
        }
        if (pos < in.length() && (isAlpha(in.charAt(pos)) || isDigit(in.charAt(pos)))) {
            throw new LexError(start, "bad number or duration syntax: " + Printer.quote(in.substring(start, pos + 1)));
        }
        out.add(new Token(TokenType.NUMBER, in.substring(start, pos), start));
    }

    /** Durations are digit runs each followed by a unit: 1h30m, 500ms, 2w. */
    private boolean tryDuration(int start) {
        int p = start;
        boolean any = false;
        while (p < in.length() && isDigit(in.charAt(p))) {
            while (p < in.length() && isDigit(in.charAt(p))) {
                p++;
            }
            int unitLen = unitLength(p);
            if (unitLen == 0) {
                return false;
            }
            p += unitLen;
            any = true;
        }
        if (!any || (p < in.length() && (isAlpha(in.charAt(p)) || in.charAt(p) == '.'))) {
            return false;
        }
        pos = p;
        out.add(new Token(TokenType.DURATION, in.substring(start, p), start));
        return true;
    }

    private int unitLength(int p) {
        if (in.startsWith("ms", p)) {
            return 2;
        }
        if (p < in.length() && "smhdwy".indexOf(in.charAt(p)) >= 0) {
            return 1;
        }
        return 0;
    }

    private void digits() {
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
    }

    private String string(char quote) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                throw new LexError(start, "unterminated quoted string");
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (quote != '`' && c == '\n') {
                throw new LexError(start, "unterminated quoted string");
            }
            if (c == '\\' && quote != '`') {
                escape(sb, quote, start);
            } else {
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb, char quote, int start) {
        if (pos >= in.length()) {
            throw new LexError(start, "unterminated quoted string");
        }
        char c = in.charAt(pos++);
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\' -> sb.append('\\');
            case 'x' -> sb.appendCodePoint(hex(2, start));
            case 'u' -> sb.appendCodePoint(hex(4, start));
            case 'U' -> sb.appendCodePoint(hex(8, start));
            default -> {
                if (c == quote) {
                    sb.append(c);
                } else if (c >= '0' && c <= '7') {
                    pos--;
                    int v = 0;
                    for (int i = 0; i < 3; i++) {
                        if (pos >= in.length() || in.charAt(pos) < '0' || in.charAt(pos) > '7') {
                            throw new LexError(pos, "unknown escape sequence in string");
                        }
                        v = v * 8 + (in.charAt(pos++) - '0');
                    }
                    sb.append((char) v);
                } else {
                    throw new LexError(pos - 1, "unknown escape sequence " + Printer.quote(String.valueOf(c)));
                }
            }
        }
    }

    private int hex(int n, int start) {
        if (pos + n > in.length()) {
            throw new LexError(start, "unterminated quoted string");
        }
        try {
            int v = Integer.parseUnsignedInt(in.substring(pos, pos + n), 16);
            pos += n;
            return v;
        } catch (NumberFormatException e) {
            throw new LexError(pos, "invalid escape sequence in string");
        }
    }

    private void operator(char c, int start) {
        char next = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        TokenType t;
        int len = 1;
        switch (c) {
            case '(' -> {
                t = TokenType.LEFT_PAREN;
                parenDepth++;
            }
            case ')' -> {
                if (parenDepth == 0) {
                    throw new LexError(start + 1, "unexpected right parenthesis ')'");
                }
                t = TokenType.RIGHT_PAREN;
                parenDepth--;
            }
            case '{' -> {
                t = TokenType.LEFT_BRACE;
                inBraces = true;
            }
            case '}' -> {
                if (!inBraces) {
                    throw new LexError(start, "unexpected character: '}'");
                }
                t = TokenType.RIGHT_BRACE;
                inBraces = false;
            }
            case '[' -> {
                t = TokenType.LEFT_BRACKET;
                inBrackets = true;
                colonInBrackets = false;
                if (pos + 1 < in.length() && in.charAt(pos + 1) == ']') {
                    throw new LexError(start + 1, "missing unit character in duration");
                }
            }
            case ']' -> {
                if (!inBrackets) {
                    throw new LexError(start, "unexpected right bracket ']'");
                }
                t = TokenType.RIGHT_BRACKET;
                inBrackets = false;
            }
            case ',' -> t = TokenType.COMMA;
            case ':' -> {
                if (inBrackets && !out.isEmpty() && colonInBrackets) {
                    throw new LexError(start, "unexpected colon ':'");
                }
                colonInBrackets = inBrackets;
                t = TokenType.COLON;
            }
            case '@' -> t = TokenType.AT;
            case '+' -> t = TokenType.ADD;
            case '-' -> t = TokenType.SUB;
            case '*' -> t = TokenType.MUL;
            case '/' -> t = TokenType.DIV;
            case '%' -> t = TokenType.MOD;
            case '^' -> t = TokenType.POW;
            case '=' -> {
                if (next == '=') {
                    t = TokenType.EQLC;
                    len = 2;
                } else if (next == '~') {
                    t = TokenType.EQL_REGEX;
                    len = 2;
                } else {
                    t = TokenType.ASSIGN;
                }
            }
            case '!' -> {
                if (next == '=') {
                    t = TokenType.NEQ;
                } else if (next == '~') {
                    t = TokenType.NEQ_REGEX;
                } else {
                    throw new LexError(start, "unexpected character after '!': " + Printer.quote(String.valueOf(next)));
                }
                len = 2;
            }
            case '<' -> {
                t = next == '=' ? TokenType.LTE : TokenType.LSS;
                len = next == '=' ? 2 : 1;
            }
            case '>' -> {
                t = next == '=' ? TokenType.GTE : TokenType.GTR;
                len = next == '=' ? 2 : 1;
            }
            default -> throw new LexError(start, "unexpected character: '" + c + "'");
        }
        pos += len;
        out.add(new Token(t, in.substring(start, pos), start));
    }

    private static boolean isAlpha(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
