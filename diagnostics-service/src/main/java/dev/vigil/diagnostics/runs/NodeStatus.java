package dev.vigil.diagnostics.runs;

/** Where one plugin is on one node. */
public enum NodeStatus {
    RUNNING, COMPLETE, FAILED, SKIPPED;

    public boolean finished() {
        return this != RUNNING;
    }
}
