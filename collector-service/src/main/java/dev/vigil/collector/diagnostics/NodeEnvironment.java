package dev.vigil.collector.diagnostics;

import dev.vigil.model.NodeOs;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The node as the checks see it: its name and OS, the host file system root ({@code /} on Linux,
 * {@code C:\} on Windows, a fixture directory in tests), the process environment, the host probes
 * and a clock. Host paths are always built from {@code root} by path elements, never by splitting
 * strings on a separator.
 */
public record NodeEnvironment(String node, NodeOs os, Path root, Map<String, String> env, HostProbes probes, Clock clock) {
    public NodeEnvironment {
        env = Map.copyOf(env);
    }

    /** A host path below the root, given as its elements ("var", "log", "pods"). */
    public Path hostPath(String first, String... more) {
        Path p = root.resolve(first);
        for (String m : more) {
            p = p.resolve(m);
        }
        return p;
    }
}
