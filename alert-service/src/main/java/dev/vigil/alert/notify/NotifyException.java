package dev.vigil.alert.notify;

/**
 * A notification that could not be delivered. {@code retryable} is false when sending again
 * cannot help (a 4xx answer other than 429). Messages never contain URLs or credentials.
 */
public class NotifyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public NotifyException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public NotifyException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
