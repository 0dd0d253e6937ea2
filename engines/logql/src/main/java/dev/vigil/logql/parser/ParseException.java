package dev.vigil.logql.parser;

import dev.vigil.logql.LogqlException;

/**
 * A query that does not parse or does not type-check. The message is Loki's:
 * {@code parse error at line 1, col 12: syntax error: unexpected ...}, or
 * {@code parse error : <reason>} when the problem has no single position.
 */
public final class ParseException extends LogqlException {
    private final int line;
    private final int column;

    public ParseException(String reason, int line, int column) {
        super(line > 0 ? "parse error at line " + line + ", col " + column + ": " + reason : "parse error : " + reason);
        this.line = line;
        this.column = column;
    }

    /** A position-less error (semantic checks done after the syntax is known good). */
    public ParseException(String reason) {
        this(reason, 0, 0);
    }

    /** 1-based line, 0 when the error has no position. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when the error has no position. */
    public int column() {
        return column;
    }
}
