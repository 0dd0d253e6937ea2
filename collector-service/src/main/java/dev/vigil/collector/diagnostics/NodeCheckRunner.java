package dev.vigil.collector.diagnostics;

import dev.vigil.model.json.DiagnosticsRequest;
import dev.vigil.model.json.DiagnosticsResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a diagnostics request for this node: one result per requested check (every check when
 * the request names none), SKIPPED for a name this collector does not know, nothing when the
 * request is for other nodes. A check that throws is reported FAILED with the reason.
 */
public final class NodeCheckRunner {
    private final Map<String, NodeCheck> checks = new LinkedHashMap<>();

    public NodeCheckRunner(List<NodeCheck> checks) {
        checks.forEach(c -> this.checks.put(c.name(), c));
    }

    /** The check name of the periodic record that tells the diagnostics service this node's collector is alive. */
    public static final String HEARTBEAT = "heartbeat";

    /** A heartbeat: a PASSED result of no run, stamped with the node, its OS and the time. */
    public static DiagnosticsResult heartbeat(NodeEnvironment node) {
        return new DiagnosticsResult("", node.node(), node.os().label(), HEARTBEAT, DiagnosticsResult.Status.PASSED,
                "collector running", node.clock().instant());
    }

    public List<DiagnosticsResult> answer(DiagnosticsRequest request, NodeEnvironment node) {
        if (!request.nodes().isEmpty() && !request.nodes().contains(node.node())) {
            return List.of();
        }
        List<String> names = request.checks().isEmpty() ? List.copyOf(checks.keySet()) : request.checks();
        List<DiagnosticsResult> out = new ArrayList<>();
        for (String name : names) {
            NodeCheck c = checks.get(name);
            NodeCheckOutcome o;
            if (c == null) {
                o = NodeCheckOutcome.skipped("unknown check '" + name + "': this collector knows " + String.join(", ", checks.keySet()));
            } else {
                try {
                    o = c.run(node, request);
                } catch (RuntimeException e) {
                    o = NodeCheckOutcome.failed("check could not run: " + e);
                }
            }
            out.add(new DiagnosticsResult(request.runId(), node.node(), node.os().label(), name, o.status(), o.message(), node.clock().instant()));
        }
        return out;
    }
}
