package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.diagnostics.inventory.Workloads;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;

import java.util.List;
import java.util.Optional;

/**
 * Windows nodes keep Linux pods off: a NoSchedule or NoExecute taint (such as
 * {@code os=windows:NoSchedule}), or else every workload selecting its OS. Without either, any new
 * workload without a selector lands on Windows nodes with a Linux image and never starts.
 */
public final class WindowsTaintCheck implements Check {
    public static final String NAME = "windows-nodes-tainted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        List<Node> windows = s.nodes().stream().filter(n -> "windows".equals(Scheduling.nodeOs(n))).toList();
        if (windows.isEmpty()) {
            return CheckResult.skipped(NAME, "no Windows nodes in the cluster");
        }
        List<String> untainted = windows.stream().filter(n -> !tainted(n)).map(n -> n.getMetadata().getName()).sorted().toList();
        if (untainted.isEmpty()) {
            return CheckResult.passed(NAME, "all " + windows.size() + " Windows nodes carry a NoSchedule/NoExecute taint");
        }
        boolean allSelect = Workloads.of(s).stream().allMatch(w -> !Scheduling.osConstraint(w.podSpec()).isEmpty());
        String fix = "taint them: `kubectl taint nodes <name> os=windows:NoSchedule` and give Windows workloads "
                + "the matching toleration and nodeSelector kubernetes.io/os: windows";
        if (allSelect) {
            return new CheckResult(NAME, Status.WARNING, "Windows nodes without a taint: " + String.join(", ", untainted)
                    + "; every current workload selects its OS, but any new one without a selector can land there: " + fix, untainted);
        }
        return new CheckResult(NAME, Status.FAILED, "Windows nodes without a taint, and workloads without an OS selector exist: "
                + String.join(", ", untainted) + "; " + fix, untainted);
    }

    private static boolean tainted(Node n) {
        return n.getSpec() != null && Optional.ofNullable(n.getSpec().getTaints()).orElse(List.of()).stream()
                .anyMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
    }
}
