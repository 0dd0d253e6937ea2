package dev.vigil.diagnostics.runs;

/** Where a run is in its life. */
public enum RunStatus {
    PENDING, RUNNING, COMPLETE, FAILED, CANCELLED;

    public boolean finished() {
        return this == COMPLETE || this == FAILED || this == CANCELLED;
    }
}
