package dev.vigil.model.regex;

/**
 * A regex RE2 does not accept. The message is Go's, {@code error parsing regexp: <reason>: `<fragment>`}
 * (for an anchored regex the fragment may include the anchors, as in Prometheus' own answers),
 * which is what Prometheus, Loki and Alertmanager put in their error answers.
 */
public final class RegexSyntaxException extends IllegalArgumentException {
    private final String reason;

    public RegexSyntaxException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** What is wrong, without the prefix and the fragment (e.g. {@code invalid or unsupported Perl syntax}). */
    public String reason() {
        return reason;
    }
}
