package dev.vigil.diagnostics.runs;

import java.util.List;

/** A run's status as {@code GET /diagnostics/runs/{id}} shows it: per plugin and per node, with progress. */
public record RunView(String id, RunStatus status, String createdAt, String finishedAt, List<PluginView> plugins, List<String> log) {

    /** A plugin with its progress ("3/4" nodes finished) and its nodes. */
    public record PluginView(String name, NodeStatus status, String progress, List<PluginProgress.NodeProgress> nodes) {
    }

    public static RunView of(RunState s) {
        List<PluginView> plugins = s.plugins().values().stream()
                .map(p -> new PluginView(p.name(), p.status(), p.progress(), List.copyOf(p.nodes().values()))).toList();
        return new RunView(s.id(), s.status(), s.createdAt().toString(), s.finishedAt(), plugins, s.log());
    }
}
