package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;

/** One cluster-level check over a snapshot: plain Java, no API calls of its own. */
public interface Check {
    /** Stable name, used as the test case name in reports. */
    String name();

    CheckResult run(ClusterSnapshot snapshot);
}
