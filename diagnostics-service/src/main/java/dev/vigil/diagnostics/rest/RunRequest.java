package dev.vigil.diagnostics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.runs.RunSpec;

import java.util.List;

/**
 * The body of {@code POST /diagnostics/runs}. Absent switches default to on; {@code plugins} holds
 * Sonobuoy plugin definitions, as JSON objects or as YAML text.
 */
public record RunRequest(Boolean inventory, Boolean checks, Boolean nodeChecks, List<String> nodes,
                         List<String> nodeCheckNames, List<JsonNode> plugins) {

    public RunSpec toSpec() {
        return new RunSpec(inventory == null || inventory, checks == null || checks, nodeChecks == null || nodeChecks,
                nodes, nodeCheckNames, plugins);
    }
}
