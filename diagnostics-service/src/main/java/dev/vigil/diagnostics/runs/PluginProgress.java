package dev.vigil.diagnostics.runs;

import java.util.Map;
import java.util.TreeMap;

/** One plugin's state in a run: per node (or {@code global}) where it is, with a message when it failed or was skipped. */
public record PluginProgress(String name, Map<String, NodeProgress> nodes) {
    public PluginProgress {
        nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** One node of a plugin. */
    public record NodeProgress(String node, String os, NodeStatus status, String message) {
    }

    public PluginProgress with(NodeProgress p) {
        Map<String, NodeProgress> m = new TreeMap<>(nodes);
        m.put(p.node(), p);
        return new PluginProgress(name, m);
    }

    /** How many nodes finished, of how many. */
    public String progress() {
        long done = nodes.values().stream().filter(n -> n.status().finished()).count();
        return done + "/" + nodes.size();
    }

    /** RUNNING while a node runs, FAILED when any failed, SKIPPED when all skipped, else COMPLETE. */
    public NodeStatus status() {
        if (nodes.values().stream().anyMatch(n -> n.status() == NodeStatus.RUNNING)) {
            return NodeStatus.RUNNING;
        }
        if (nodes.values().stream().anyMatch(n -> n.status() == NodeStatus.FAILED)) {
            return NodeStatus.FAILED;
        }
        if (!nodes.isEmpty() && nodes.values().stream().allMatch(n -> n.status() == NodeStatus.SKIPPED)) {
            return NodeStatus.SKIPPED;
        }
        return NodeStatus.COMPLETE;
    }
}
