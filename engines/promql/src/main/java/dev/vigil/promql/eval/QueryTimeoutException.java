package dev.vigil.promql.eval;

/** The query ran longer than {@link EngineOptions#timeout()}. The HTTP layer maps it to {@code 503 timeout}. */
public final class QueryTimeoutException extends RuntimeException {
    public QueryTimeoutException(String stage) {
        super("query timed out in " + stage);
    }
}
