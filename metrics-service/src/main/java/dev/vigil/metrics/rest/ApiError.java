package dev.vigil.metrics.rest;

/**
 * An error the Prometheus API reports as {@code {"status":"error","errorType":…,"error":…}}
 * with the status code Prometheus uses for that type.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String errorType;

    public ApiError(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public static ApiError badData(String message) {
        return new ApiError(400, "bad_data", message);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
