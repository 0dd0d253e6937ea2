package dev.vigil.model.json;

import java.time.Instant;
import java.util.List;

/**
 * A request on {@code vigil.diagnostics.requests} asking collectors to run node checks.
 * An empty {@code nodes} list means every node.
 */
public record DiagnosticsRequest(String runId, List<String> nodes, List<String> checks, Instant requestedAt) {
    public DiagnosticsRequest {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
