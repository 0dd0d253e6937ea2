package dev.vigil.collector.diagnostics;

import dev.vigil.model.json.DiagnosticsRequest;

/** One check a collector runs on its own node in answer to a diagnostics request. */
public interface NodeCheck {
    /** The name requests use ("kubelet-health", "dns", ...). */
    String name();

    NodeCheckOutcome run(NodeEnvironment node, DiagnosticsRequest request);
}
