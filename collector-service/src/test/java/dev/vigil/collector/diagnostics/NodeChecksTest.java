package dev.vigil.collector.diagnostics;

import dev.vigil.model.NodeOs;
import dev.vigil.model.json.DiagnosticsRequest;
import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.json.DiagnosticsResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node checks on Linux- and Windows-shaped host fixtures, with probes that answer as a healthy or broken node would. */
class NodeChecksTest {
    private static final Instant NOW = Instant.parse("2026-11-25T22:00:00Z");
    private static final DiagnosticsRequest REQUEST = new DiagnosticsRequest("run1", List.of(), List.of(), NOW.minusMillis(300));

    /** Probes with fixed answers. */
    record FixedProbes(boolean kubeletOk, Set<String> pipes, long total, long usable, List<String> dns, boolean eventLogOk) implements HostProbes {
        @Override
        public Optional<String> kubeletHealth() {
            return kubeletOk ? Optional.empty() : Optional.of("connection refused");
        }

        @Override
        public boolean pipeExists(String name) {
            return pipes.contains(name);
        }

        @Override
        public DiskSpace diskSpace(Path path) {
            return new DiskSpace(total, usable);
        }

        @Override
        public List<String> resolve(String host) {
            return dns;
        }

        @Override
        public Optional<String> eventLog() {
            return eventLogOk ? Optional.empty() : Optional.of("access denied");
        }
    }

    static final FixedProbes HEALTHY = new FixedProbes(true, Set.of("containerd-containerd"), 100L << 30, 40L << 30, List.of("10.96.0.1"), true);
    static final FixedProbes BROKEN = new FixedProbes(false, Set.of(), 100L << 30, 5L << 30, List.of(), false);

    static Path linuxHost(Path root) throws IOException {
        Files.createDirectories(root.resolve("run").resolve("containerd"));
        Files.createFile(root.resolve("run").resolve("containerd").resolve("containerd.sock"));
        Files.createDirectories(root.resolve("var").resolve("log").resolve("pods").resolve("kube-system_coredns-1_abc"));
        Files.createDirectories(root.resolve("var").resolve("log").resolve("journal"));
        return root;
    }

    /** A Windows host laid out below a directory standing for C:\ (var\log\pods, no journal, no socket). */
    static Path windowsHost(Path root) throws IOException {
        Files.createDirectories(root.resolve("var").resolve("log").resolve("pods").resolve("default_iis-1_def"));
        return root;
    }

    static Map<String, DiagnosticsResult> answer(NodeEnvironment env) {
        Map<String, DiagnosticsResult> m = new LinkedHashMap<>();
        new NodeCheckRunner(NodeChecks.all()).answer(REQUEST, env).forEach(r -> m.put(r.check(), r));
        return m;
    }

    static Map<String, Status> statuses(Map<String, DiagnosticsResult> results) {
        Map<String, Status> m = new LinkedHashMap<>();
        results.forEach((k, v) -> m.put(k, v.status()));
        return m;
    }

    static Clock clock(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    @Test
    void healthyLinuxNodePassesAndSkipsTheHostProcessCheck(@TempDir Path dir) throws IOException {
        var env = new NodeEnvironment("linux-1", NodeOs.LINUX, linuxHost(dir), Map.of(), HEALTHY, clock(NOW));
        var results = answer(env);
        assertEquals(Map.of("kubelet-health", Status.PASSED, "runtime-endpoint", Status.PASSED, "pod-log-root", Status.PASSED,
                "disk-free", Status.PASSED, "clock-offset", Status.PASSED, "dns", Status.PASSED, "node-log-source", Status.PASSED,
                "hostprocess", Status.SKIPPED), statuses(results));
        assertEquals("linux", results.get("dns").os());
        assertEquals("linux-1", results.get("dns").node());
        assertTrue(results.get("node-log-source").message().contains("/var/log/journal"));
        assertTrue(results.get("pod-log-root").message().contains("(1 pod directories)"));
    }

    @Test
    void healthyWindowsNodeUsesTheNamedPipeEventLogAndHostProcess(@TempDir Path dir) throws IOException {
        var env = new NodeEnvironment("win-1", NodeOs.WINDOWS, windowsHost(dir), Map.of(NodeChecks.HOSTPROCESS_ENV, "C:\\C\\abc"),
                HEALTHY, clock(NOW));
        var results = answer(env);
        statuses(results).forEach((check, status) -> assertEquals(Status.PASSED, status, check + ": " + results.get(check).message()));
        assertTrue(results.get("runtime-endpoint").message().contains("\\\\.\\pipe\\containerd-containerd"));
        assertTrue(results.get("pod-log-root").message().contains("C:\\var\\log\\pods"));
        assertTrue(results.get("node-log-source").message().contains("Windows Event Log"));
        assertEquals("windows", results.get("hostprocess").os());
    }

    @Test
    void brokenWindowsNodeSaysWhatToFix(@TempDir Path dir) {
        // no pod log root, no pipe, not HostProcess, disk 5% free, clock 45 s ahead
        var env = new NodeEnvironment("win-2", NodeOs.WINDOWS, dir, Map.of(), BROKEN, clock(NOW.plusSeconds(45)));
        var results = answer(env);
        statuses(results).forEach((check, status) -> assertEquals(Status.FAILED, status, check));
        assertTrue(results.get("runtime-endpoint").message().contains("Get-Service containerd"));
        assertTrue(results.get("hostprocess").message().contains("hostProcess: true"));
        assertTrue(results.get("disk-free").message().startsWith("5.0% free"));
        assertTrue(results.get("clock-offset").message().contains("w32tm /resync"));
        assertTrue(results.get("kubelet-health").message().contains("Get-Service kubelet"));
    }

    @Test
    void linuxNodeWithoutSocketOrJournalFailsThoseChecks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("var").resolve("log").resolve("pods"));
        var env = new NodeEnvironment("linux-2", NodeOs.LINUX, dir, Map.of(), HEALTHY, clock(NOW.plusSeconds(5)));
        var results = answer(env);
        assertEquals(Status.FAILED, results.get("runtime-endpoint").status());
        assertTrue(results.get("runtime-endpoint").message().contains("/run/containerd/containerd.sock"));
        assertEquals(Status.FAILED, results.get("node-log-source").status());
        assertEquals(Status.WARNING, results.get("clock-offset").status());
        assertEquals(Status.PASSED, results.get("pod-log-root").status());
    }

    @Test
    void requestsForOtherNodesGetNoAnswerAndUnknownChecksAreSkipped(@TempDir Path dir) throws IOException {
        var env = new NodeEnvironment("linux-1", NodeOs.LINUX, linuxHost(dir), Map.of(), HEALTHY, clock(NOW));
        var runner = new NodeCheckRunner(NodeChecks.all());
        assertEquals(List.of(), runner.answer(new DiagnosticsRequest("r", List.of("win-1"), List.of(), NOW), env));
        List<DiagnosticsResult> r = runner.answer(new DiagnosticsRequest("r", List.of("linux-1"), List.of("dns", "gpu"), NOW), env);
        assertEquals(List.of("dns", "gpu"), r.stream().map(DiagnosticsResult::check).toList());
        assertEquals(Status.SKIPPED, r.get(1).status());
        assertTrue(r.get(1).message().startsWith("unknown check 'gpu'"));
    }

    @Test
    void heartbeatNamesTheNodeAndOsAndBelongsToNoRun(@TempDir Path dir) {
        var env = new NodeEnvironment("win-1", NodeOs.WINDOWS, dir, Map.of(), HEALTHY, clock(NOW));
        assertEquals(new DiagnosticsResult("", "win-1", "windows", "heartbeat", Status.PASSED, "collector running", NOW),
                NodeCheckRunner.heartbeat(env));
    }
}
