package dev.vigil.diagnostics.runs;

import dev.vigil.model.json.DiagnosticsResult.Status;

/** One result of a run: which plugin, on which node (or {@code global}), the case name and outcome. */
public record ResultItem(String plugin, String node, String os, String name, Status status, String message) {
}
