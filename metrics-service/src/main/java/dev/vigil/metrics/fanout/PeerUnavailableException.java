package dev.vigil.metrics.fanout;

/**
 * A peer that owns partitions did not answer: the query fails rather than return a result that
 * silently lacks those partitions' series.
 */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
