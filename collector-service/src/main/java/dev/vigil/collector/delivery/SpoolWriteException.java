package dev.vigil.collector.delivery;

/** A batch could neither be delivered nor written to the spool; the caller must keep it (the log tailer re-reads). */
public final class SpoolWriteException extends RuntimeException {
    public SpoolWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
