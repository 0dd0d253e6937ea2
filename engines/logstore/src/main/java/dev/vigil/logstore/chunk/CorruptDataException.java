package dev.vigil.logstore.chunk;

/** Stored bytes that do not decode: a torn write, a bad checksum or a damaged file. */
public final class CorruptDataException extends RuntimeException {
    public CorruptDataException(String message) {
        super(message);
    }
}
