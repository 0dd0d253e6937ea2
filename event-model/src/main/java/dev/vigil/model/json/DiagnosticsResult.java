package dev.vigil.model.json;

import java.time.Instant;

/** One check's outcome on {@code vigil.diagnostics.results}, from a collector or plugin worker. */
public record DiagnosticsResult(String runId, String node, String os, String check, Status status,
                                String message, Instant at) {
    /** Outcomes, as Sonobuoy reports them plus a warning level. */
    public enum Status { PASSED, FAILED, WARNING, SKIPPED }
}
