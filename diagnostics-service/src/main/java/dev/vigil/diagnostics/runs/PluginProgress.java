package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/** One plugin's state in a run: per node (or {@code global}) where it is, with a message when it failed or was skipped. */
public record PluginProgress(String name, Map<String, NodeProgress> nodes) {
    public PluginProgress {
        nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /**
     * One node of a plugin.
     *
     * @param progress the plugin's last progress update from this node (Sonobuoy's progress API), null before any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeProgress(String node, String os, NodeStatus status, String message, ProgressUpdate progress) {
        public NodeProgress(String node, String os, NodeStatus status, String message) {
            this(node, os, status, message, null);
        }
    }

    /** With {@code p} for its node; a change of status keeps the node's last progress update. */
    public PluginProgress with(NodeProgress p) {
        Map<String, NodeProgress> m = new TreeMap<>(nodes);
        NodeProgress before = m.get(p.node());
        if (p.progress() == null && before != null && before.progress() != null) {
            p = new NodeProgress(p.node(), p.os(), p.status(), p.message(), before.progress());
        }
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
