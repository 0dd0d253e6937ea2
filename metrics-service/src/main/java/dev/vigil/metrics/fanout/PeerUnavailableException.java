package dev.vigil.metrics.fanout;

/**
 * A peer that owns partitions did not answer: the query fails rather than return a result that
 * silently lacks those partitions' series.
 */
public final class PeerUnavailableException extends RuntimeException {
    private final int status;
    private final String body;

    public PeerUnavailableException(String message, Throwable cause) {
        this(message, cause, -1, "");
    }

    /** {@code status}: the peer's HTTP status, -1 when it did not answer; {@code body} its answer's text. */
    public PeerUnavailableException(String message, Throwable cause, int status, String body) {
        super(message, cause);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
