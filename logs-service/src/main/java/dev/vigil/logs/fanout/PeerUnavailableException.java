package dev.vigil.logs.fanout;

/**
 * Another instance holding partitions a query needs did not answer (it may have just died, and
 * the group metadata still lists it): the query cannot be answered whole now, which is the
 * service's condition, not the user's input, so it is a 503 the client may retry.
 */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
