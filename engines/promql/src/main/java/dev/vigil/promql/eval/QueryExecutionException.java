package dev.vigil.promql.eval;

/**
 * A query that parsed but could not be evaluated (duplicate label sets, many-to-many matching,
 * invalid function arguments, too many samples). The HTTP layer maps it to {@code 422 execution}.
 */
public class QueryExecutionException extends RuntimeException {
    public QueryExecutionException(String message) {
        super(message);
    }

    public QueryExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
