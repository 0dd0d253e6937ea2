package dev.vigil.logql;

/**
 * A query that cannot be answered because of what the user wrote: a syntax error, a type error, or
 * a runtime condition Loki also reports as a bad request (a pipeline error in a metric query, too
 * many series). The HTTP layer maps it to 400 with {@link #getMessage()} as the error text.
 */
public class LogqlException extends RuntimeException {
    public LogqlException(String message) {
        super(message);
    }
}
