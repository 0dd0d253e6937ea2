package dev.vigil.alert.rules;

/** A rule query that failed; the message is shown as the rule's last error. */
public class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
