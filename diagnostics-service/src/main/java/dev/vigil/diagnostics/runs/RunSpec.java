package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.plugins.PluginDefinition;
import dev.vigil.diagnostics.plugins.PluginDefinitions;

import java.util.List;

/**
 * What a run does: inventory, built-in checks, node checks through the collectors, and plugins
 * (kept as the definitions the user sent, so a restored run reads them exactly as given), on which
 * nodes (empty means all).
 */
public record RunSpec(boolean inventory, boolean checks, boolean nodeChecks, List<String> nodes,
                      List<String> nodeCheckNames, List<JsonNode> plugins) {
    public RunSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        nodeCheckNames = nodeCheckNames == null ? List.of() : List.copyOf(nodeCheckNames);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** The parsed plugin definitions. @throws IllegalArgumentException naming the bad field */
    public List<PluginDefinition> pluginDefinitions() {
        List<PluginDefinition> defs = plugins.stream().map(PluginDefinitions::parse).toList();
        long distinct = defs.stream().map(PluginDefinition::name).distinct().count();
        if (distinct != defs.size()) {
            throw new IllegalArgumentException("two plugins share a plugin-name: names must be unique within a run");
        }
        return defs;
    }
}
