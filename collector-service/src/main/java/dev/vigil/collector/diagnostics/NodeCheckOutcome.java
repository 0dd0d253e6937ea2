package dev.vigil.collector.diagnostics;

import dev.vigil.model.json.DiagnosticsResult.Status;

/** A node check's status and a message that says what was found and, when not passed, what to do. */
public record NodeCheckOutcome(Status status, String message) {
    public static NodeCheckOutcome passed(String message) {
        return new NodeCheckOutcome(Status.PASSED, message);
    }

    public static NodeCheckOutcome failed(String message) {
        return new NodeCheckOutcome(Status.FAILED, message);
    }

    public static NodeCheckOutcome skipped(String message) {
        return new NodeCheckOutcome(Status.SKIPPED, message);
    }
}
