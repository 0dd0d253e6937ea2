package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.report.JunitWriter;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.DiagnosticsResult.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * A run as JUnit XML: one suite per plugin and node ({@code plugin/node}); a node that failed without
 * results (a timeout, a workload that could not be created) is a failing case of its own so CI sees it.
 */
public final class RunJunit {
    private RunJunit() {
    }

    public static String of(RunState s) {
        List<JunitWriter.Suite> suites = new ArrayList<>();
        for (PluginProgress p : s.plugins().values()) {
            for (PluginProgress.NodeProgress n : p.nodes().values()) {
                List<TestCase> cases = new ArrayList<>(s.results(p.name(), n.node()).stream()
                        .map(i -> new TestCase(i.name(), i.status(), i.message())).toList());
                if (n.status() == NodeStatus.FAILED || n.status() == NodeStatus.SKIPPED) {
                    cases.add(new TestCase(p.name() + " on " + n.node(), n.status() == NodeStatus.FAILED ? Status.FAILED : Status.SKIPPED, n.message()));
                }
                suites.add(new JunitWriter.Suite(p.name() + "/" + n.node(), cases));
            }
        }
        return JunitWriter.write(suites);
    }
}
