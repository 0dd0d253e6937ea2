package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;

import java.util.List;
import java.util.Optional;

/** Every node reports condition Ready=True. */
public final class NodesReadyCheck implements Check {
    public static final String NAME = "nodes-ready";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        if (s.nodes().isEmpty()) {
            return new CheckResult(NAME, Status.FAILED, "the cluster has no nodes: join at least one node", List.of());
        }
        List<String> notReady = s.nodes().stream().filter(n -> !ready(n)).map(n -> n.getMetadata().getName()).sorted().toList();
        if (notReady.isEmpty()) {
            return CheckResult.passed(NAME, "all " + s.nodes().size() + " nodes are Ready");
        }
        return new CheckResult(NAME, Status.FAILED, "nodes not Ready: " + String.join(", ", notReady)
                + "; see `kubectl describe node <name>` for the failing condition and the kubelet log on that node", notReady);
    }

    private static boolean ready(Node n) {
        return n.getStatus() != null && Optional.ofNullable(n.getStatus().getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
