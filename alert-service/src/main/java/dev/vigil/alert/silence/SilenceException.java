package dev.vigil.alert.silence;

/** A silence request that cannot be honoured; the message is meant for the API client. */
public class SilenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the silence did not exist (an API maps this to 404). */
    private final boolean notFound;

    public SilenceException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
