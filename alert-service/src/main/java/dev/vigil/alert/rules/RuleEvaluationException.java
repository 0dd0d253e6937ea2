package dev.vigil.alert.rules;

/** A rule evaluation that failed: query error, duplicate label sets or limit exceeded. */
public class RuleEvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleEvaluationException(String message) {
        super(message);
    }

    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
