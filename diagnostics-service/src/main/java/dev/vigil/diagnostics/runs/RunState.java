package dev.vigil.diagnostics.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run as stored in the compacted runs topic: its spec, status, per-plugin per-node progress, the
 * results and the run log. Every change makes a new value.
 *
 * @param finishedAt empty string until the run finished (ISO-8601 after)
 */
public record RunState(String id, RunSpec spec, RunStatus status, Instant createdAt, String finishedAt,
                       Map<String, PluginProgress> plugins, List<ResultItem> results, List<String> log, String uploadToken) {
    public RunState {
        plugins = java.util.Collections.unmodifiableMap(new TreeMap<>(plugins));
        results = List.copyOf(results);
        log = List.copyOf(log);
    }

    public static RunState created(String id, RunSpec spec, Instant now) {
        return created(id, spec, now, null);
    }

    /**
     * A new run whose plugin workers upload with {@code uploadToken}: a credential for this run's
     * results only, so the workers carry no API token (null: uploads need an admin token).
     */
    public static RunState created(String id, RunSpec spec, Instant now, String uploadToken) {
        return new RunState(id, spec, RunStatus.PENDING, now, "", Map.of(), List.of(), List.of(now + " run created"), uploadToken);
    }

    public RunState withStatus(RunStatus s, Instant now) {
        return new RunState(id, spec, s, createdAt, s.finished() ? now.toString() : "", plugins, results, log, uploadToken)
                .logged(now, "run " + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    public RunState logged(Instant now, String line) {
        List<String> l = new ArrayList<>(log);
        l.add(now + " " + line);
        return new RunState(id, spec, status, createdAt, finishedAt, plugins, results, l, uploadToken);
    }

    public RunState withNode(String plugin, PluginProgress.NodeProgress p) {
        Map<String, PluginProgress> m = new TreeMap<>(plugins);
        m.put(plugin, m.getOrDefault(plugin, new PluginProgress(plugin, Map.of())).with(p));
        return new RunState(id, spec, status, createdAt, finishedAt, m, results, log, uploadToken);
    }

    /** Replaces the results of one plugin on one node. */
    public RunState withResults(String plugin, String node, List<ResultItem> items) {
        List<ResultItem> r = new ArrayList<>(results.stream().filter(i -> !(i.plugin().equals(plugin) && i.node().equals(node))).toList());
        r.addAll(items);
        return new RunState(id, spec, status, createdAt, finishedAt, plugins, r, log, uploadToken);
    }

    /** Adds results of one plugin on one node, replacing earlier results with the same case name. */
    public RunState addResults(String plugin, String node, List<ResultItem> items) {
        List<ResultItem> r = new ArrayList<>(results);
        for (ResultItem i : items) {
            r.removeIf(o -> o.plugin().equals(plugin) && o.node().equals(node) && o.name().equals(i.name()));
            r.add(i);
        }
        return new RunState(id, spec, status, createdAt, finishedAt, plugins, r, log, uploadToken);
    }

    public Optional<PluginProgress.NodeProgress> node(String plugin, String node) {
        return Optional.ofNullable(plugins.get(plugin)).map(p -> p.nodes().get(node));
    }

    public List<ResultItem> results(String plugin, String node) {
        return results.stream().filter(i -> i.plugin().equals(plugin) && i.node().equals(node)).toList();
    }
}
