package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.diagnostics.inventory.Workloads;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In a cluster with more than one OS, every workload says which OS it needs. A workload without an
 * OS selector or affinity that can land on nodes of more than one OS fails (its image fits one of
 * them at most); one kept to a single OS only by taints is a warning, since a new toleration or
 * an untainted node changes that.
 */
public final class OsSelectorCheck implements Check {
    public static final String NAME = "workloads-select-os";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        Set<String> oses = new TreeSet<>();
        s.nodes().forEach(n -> oses.add(Scheduling.nodeOs(n)));
        if (oses.size() < 2) {
            return CheckResult.skipped(NAME, "single-OS cluster (" + String.join(", ", oses) + "): OS selectors are not needed");
        }
        List<String> failures = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        for (Workloads.Workload w : Workloads.of(s)) {
            if (!Scheduling.osConstraint(w.podSpec()).isEmpty()) {
                continue;
            }
            Map<String, List<String>> reachable = new TreeMap<>();
            for (Node n : s.nodes()) {
                if (Scheduling.canLandOn(w.podSpec(), n)) {
                    reachable.computeIfAbsent(Scheduling.nodeOs(n), k -> new ArrayList<>()).add(n.getMetadata().getName());
                }
            }
            if (reachable.size() > 1) {
                failed.add(w.ref());
                List<String> where = new ArrayList<>();
                reachable.forEach((os, nodes) -> where.add(os + " (" + String.join(", ", nodes) + ")"));
                failures.add(w.ref() + " has no kubernetes.io/os node selector and would land on " + String.join(" and ", where)
                        + ": add `nodeSelector: {kubernetes.io/os: <the OS of its image>}` to its pod template"
                        + ("DaemonSet".equals(w.kind()) ? ", or one DaemonSet per OS with a per-OS image" : ""));
            } else {
                warned.add(w.ref());
            }
        }
        if (!failed.isEmpty()) {
            List<String> subjects = new ArrayList<>(failed);
            subjects.addAll(warned);
            String extra = warned.isEmpty() ? "" : "; kept to one OS only by taints: " + String.join(", ", warned);
            return new CheckResult(NAME, Status.FAILED, String.join("; ", failures) + extra, subjects);
        }
        if (!warned.isEmpty()) {
            return new CheckResult(NAME, Status.WARNING, "workloads without an OS selector, kept to one OS only by taints: "
                    + String.join(", ", warned) + "; add `nodeSelector: {kubernetes.io/os: linux}` (or windows) so a new toleration "
                    + "or an untainted node cannot move them", warned);
        }
        return CheckResult.passed(NAME, "every workload selects its OS");
    }
}
