package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.InventoryCollector;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;

/** No system pod in {@code kube-system} is Pending or in CrashLoopBackOff. */
public final class KubeSystemPodsCheck implements Check {
    public static final String NAME = "kube-system-pods-healthy";
    static final String NAMESPACE = "kube-system";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        List<String> problems = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Pod p : s.pods()) {
            if (!NAMESPACE.equals(p.getMetadata().getNamespace())) {
                continue;
            }
            String name = p.getMetadata().getName();
            if ("Pending".equals(InventoryCollector.phase(p))) {
                subjects.add("Pod kube-system/" + name);
                problems.add(name + " is Pending: `kubectl -n kube-system describe pod " + name
                        + "` shows why it is not scheduled or its image not pulled");
                continue;
            }
            for (ContainerStatus cs : InventoryCollector.containerStatuses(p)) {
                if (cs.getState() != null && cs.getState().getWaiting() != null && "CrashLoopBackOff".equals(cs.getState().getWaiting().getReason())) {
                    subjects.add("Pod kube-system/" + name);
                    problems.add(name + " container " + cs.getName() + " is in CrashLoopBackOff (" + restarts(cs)
                            + " restarts): read `kubectl -n kube-system logs " + name + " -c " + cs.getName() + " --previous`");
                    break;
                }
            }
        }
        if (problems.isEmpty()) {
            return CheckResult.passed(NAME, "no kube-system pod is Pending or crash-looping");
        }
        return new CheckResult(NAME, Status.FAILED, String.join("; ", problems), subjects);
    }

    private static int restarts(ContainerStatus cs) {
        return cs.getRestartCount() == null ? 0 : cs.getRestartCount();
    }
}
