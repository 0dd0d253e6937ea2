package dev.vigil.model;

/** A record's bytes are not a valid instance of its topic's schema; the message says why. */
public class DecodeException extends RuntimeException {
    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
