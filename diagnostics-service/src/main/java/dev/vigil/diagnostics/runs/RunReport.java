package dev.vigil.diagnostics.runs;

import dev.vigil.model.json.DiagnosticsResult.Status;

import java.util.ArrayList;
import java.util.List;

/** The results of a run by plugin and node, with pass/fail/skip/warn counts at each level. */
public record RunReport(String run, RunStatus status, Counts totals, List<PluginReport> plugins) {

    /** How many results had each outcome. */
    public record Counts(int passed, int failed, int skipped, int warning) {
        static Counts of(List<ResultItem> items) {
            return new Counts(count(items, Status.PASSED), count(items, Status.FAILED), count(items, Status.SKIPPED), count(items, Status.WARNING));
        }

        private static int count(List<ResultItem> items, Status s) {
            return (int) items.stream().filter(i -> i.status() == s).count();
        }
    }

    /** One plugin: its status and each node's results. */
    public record PluginReport(String name, NodeStatus status, Counts counts, List<NodeReport> nodes) {
    }

    /** One node of a plugin: status, message (why it failed or was skipped) and its results. */
    public record NodeReport(String node, String os, NodeStatus status, String message, Counts counts, List<ResultItem> items) {
    }

    public static RunReport of(RunState s) {
        List<PluginReport> plugins = new ArrayList<>();
        for (PluginProgress p : s.plugins().values()) {
            List<NodeReport> nodes = new ArrayList<>();
            for (PluginProgress.NodeProgress n : p.nodes().values()) {
                List<ResultItem> items = s.results(p.name(), n.node());
                nodes.add(new NodeReport(n.node(), n.os(), n.status(), n.message(), Counts.of(items), items));
            }
            List<ResultItem> all = s.results().stream().filter(i -> i.plugin().equals(p.name())).toList();
            plugins.add(new PluginReport(p.name(), p.status(), Counts.of(all), nodes));
        }
        return new RunReport(s.id(), s.status(), Counts.of(s.results()), plugins);
    }
}
