package dev.vigil.promql.eval;

/** The query would hold more samples than {@link EngineOptions#maxSamples()}; an execution error (422). */
public final class TooManySamplesException extends QueryExecutionException {
    public static final String MESSAGE = "query processing would load too many samples into memory in query execution";

    public TooManySamplesException() {
        super(MESSAGE);
    }
}
