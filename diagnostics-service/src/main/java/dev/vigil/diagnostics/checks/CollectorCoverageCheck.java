package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Vigil collector runs and reports on every node. "Last seen" is the time of the newest record
 * a collector published on {@code vigil.diagnostics.results} for that node (node-check answers and
 * heartbeats alike): the diagnostics service consumes that topic anyway, so no metrics query is
 * needed, and a collector that reads requests but cannot publish counts as absent.
 */
public final class CollectorCoverageCheck implements Check {
    public static final String NAME = "collector-on-every-node";
    private final Map<String, Instant> lastSeen;
    private final Instant now;
    private final Duration maxAge;

    public CollectorCoverageCheck(Map<String, Instant> lastSeen, Instant now, Duration maxAge) {
        this.lastSeen = Map.copyOf(lastSeen);
        this.now = now;
        this.maxAge = maxAge;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        List<String> missing = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Node n : s.nodes()) {
            String name = n.getMetadata().getName();
            Instant seen = lastSeen.get(name);
            if (seen == null) {
                missing.add(name);
                details.add(name + " (" + Scheduling.nodeOs(n) + ", never)");
            } else if (seen.isBefore(now.minus(maxAge))) {
                missing.add(name);
                details.add(name + " (" + Scheduling.nodeOs(n) + ", last " + seen + ")");
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.passed(NAME, "a collector reported from each of the " + s.nodes().size() + " nodes in the last " + maxAge);
        }
        return new CheckResult(NAME, Status.FAILED, "no collector report within " + maxAge + " from: " + String.join(", ", details)
                + "; deploy the collector DaemonSets (Linux, and Windows as a HostProcess container) and check "
                + "`kubectl -n vigil get pods -o wide` for one collector per node", missing);
    }
}
