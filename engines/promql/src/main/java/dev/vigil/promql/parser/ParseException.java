package dev.vigil.promql.parser;

/**
 * A query that is not valid PromQL. The message reads like Prometheus's
 * ({@code 1:12: parse error: unexpected <op:+>}); {@link #line()} and {@link #column()} are 1-based.
 * The HTTP layer maps it to {@code 400 bad_data}.
 */
public final class ParseException extends RuntimeException {
    private final int line;
    private final int column;
    private final String detail;

    public ParseException(int line, int column, String detail) {
        super(line + ":" + column + ": parse error: " + detail);
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** Builds the exception for a character offset into {@code input}. */
    static ParseException at(String input, int pos, String detail) {
        int p = Math.max(0, Math.min(pos, input.length()));
        int line = 1;
        int lastBreak = -1;
        for (int i = 0; i < p; i++) {
            if (input.charAt(i) == '\n') {
                line++;
                lastBreak = i;
            }
        }
        return new ParseException(line, p - lastBreak, detail);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
