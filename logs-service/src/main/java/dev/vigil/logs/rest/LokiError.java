package dev.vigil.logs.rest;

/** An error the Loki API reports as {@code {"code":…,"status":"error","message":…}} with that status. */
public final class LokiError extends RuntimeException {
    private final int status;

    public LokiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static LokiError badRequest(String message) {
        return new LokiError(400, message);
    }

    public int status() {
        return status;
    }
}
