package dev.vigil.logql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a LogQL query into tokens. A number glued to a unit becomes a {@link TokenType#DURATION}
 * ({@code 5m}, {@code 1h30m}, {@code 250ms}) or a {@link TokenType#BYTES} ({@code 20MB},
 * {@code 1KiB}); strings are Go-quoted ({@code "a\"b"}) or raw ({@code `a\b`}); {@code #} starts a
 * comment that runs to the end of the line.
 */
public final class Lexer {
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|0[xX][0-9a-fA-F]+");
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h|d|w|y))+");
    private static final Pattern BYTES = Pattern.compile("\\d+(\\.\\d+)?([kKmMgGtTpPeE][iI]?[bB]|[bB])");

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    /** Tokens of {@code src}, ending with one {@link TokenType#EOF}. */
    public static List<Token> tokenize(String src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(TokenType.EOF, "", line, col(pos)));
                return out;
            }
            out.add(next());
        }
    }

    private int col(int p) {
        return p - lineStart + 1;
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = pos;
        int l = line;
        int c = col(pos);
        char ch = src.charAt(pos);
        if (ch == '"') {
            return new Token(TokenType.STRING, quoted(l, c), l, c);
        }
        if (ch == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw new ParseException("syntax error: unexpected $end, expecting STRING (unterminated raw string)", l, c);
            }
            String s = src.substring(pos + 1, end);
            for (int i = pos; i < end; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end + 1;
            return new Token(TokenType.STRING, s, l, c);
        }
        if (Character.isDigit(ch) || (ch == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                    || ((src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                        && Character.isDigit(src.charAt(start))))) {
                pos++;
            }
            String text = src.substring(start, pos);
            if (NUMBER.matcher(text).matches()) {
                return new Token(TokenType.NUMBER, text, l, c);
            }
            if (DURATION.matcher(text).matches()) {
                return new Token(TokenType.DURATION, text, l, c);
            }
            if (BYTES.matcher(text).matches()) {
                return new Token(TokenType.BYTES, text, l, c);
            }
            throw new ParseException("syntax error: unexpected IDENTIFIER (bad number or duration: " + text + ")", l, c);
        }
        if (Character.isLetter(ch) || ch == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(TokenType.IDENTIFIER, src.substring(start, pos), l, c);
        }
        pos++;
        char n = pos < src.length() ? src.charAt(pos) : '\0';
        TokenType t = switch (ch) {
            case '{' -> TokenType.OPEN_BRACE;
            case '}' -> TokenType.CLOSE_BRACE;
            case '(' -> TokenType.OPEN_PAREN;
            case ')' -> TokenType.CLOSE_PAREN;
            case '[' -> TokenType.OPEN_BRACKET;
            case ']' -> TokenType.CLOSE_BRACKET;
            case ',' -> TokenType.COMMA;
            case '.' -> TokenType.DOT;
            case '+' -> TokenType.ADD;
            case '-' -> TokenType.SUB;
            case '*' -> TokenType.MUL;
            case '/' -> TokenType.DIV;
            case '%' -> TokenType.MOD;
            case '^' -> TokenType.POW;
            case '=' -> n == '~' ? two(TokenType.RE) : n == '=' ? two(TokenType.CMP_EQ) : TokenType.EQ;
            case '!' -> n == '=' ? two(TokenType.NEQ) : n == '~' ? two(TokenType.NRE) : null;
            case '|' -> n == '=' ? two(TokenType.PIPE_EXACT) : n == '~' ? two(TokenType.PIPE_MATCH) : TokenType.PIPE;
            case '>' -> n == '=' ? two(TokenType.GTE) : TokenType.GT;
            case '<' -> n == '=' ? two(TokenType.LTE) : TokenType.LT;
            default -> null;
        };
        if (t == null) {
            throw new ParseException("syntax error: unexpected character '" + ch + "'", l, c);
        }
        return new Token(t, src.substring(start, pos), l, c);
    }

    private TokenType two(TokenType t) {
        pos++;
        return t;
    }

    /** Decodes a Go double-quoted string starting at {@code pos}. */
    private String quoted(int l, int c) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < src.length()) {
            char ch = src.charAt(pos++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch == '\n') {
                break;
            }
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            if (pos >= src.length()) {
                break;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\013');
                case '\\', '"', '\'' -> sb.append(e);
                case 'x' -> sb.append((char) hex(2, l, c));
                case 'u' -> sb.append((char) hex(4, l, c));
                case 'U' -> sb.appendCodePoint(hex(8, l, c));
                default -> {
                    if (e >= '0' && e <= '7' && pos + 1 < src.length() && isOctal(src.charAt(pos)) && isOctal(src.charAt(pos + 1))) {
                        sb.append((char) Integer.parseInt(src.substring(pos - 1, pos + 2), 8));
                        pos += 2;
                    } else {
                        throw new ParseException("syntax error: invalid escape sequence \\" + e + " in string", l, c);
                    }
                }
            }
        }
        throw new ParseException("syntax error: unterminated string", l, c);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private int hex(int n, int l, int c) {
        if (pos + n > src.length()) {
            throw new ParseException("syntax error: invalid escape sequence in string", l, c);
        }
        try {
            int v = Integer.parseInt(src.substring(pos, pos + n), 16);
            pos += n;
            return v;
        } catch (NumberFormatException e) {
            throw new ParseException("syntax error: invalid escape sequence in string", l, c);
        }
    }
}
