package dev.vigil.collector.diagnostics;

import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.NodeOs;
import dev.vigil.model.json.DiagnosticsRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The node checks, each choosing its Linux or Windows form from the node's OS: kubelet health,
 * container runtime endpoint (containerd's unix socket or named pipe), pod log root, free disk,
 * clock offset, DNS of {@code kubernetes.default}, the node log source (journal or Event Log) and,
 * on Windows, running as a HostProcess container.
 */
public final class NodeChecks {
    /** Linux containerd socket, below the host root. */
    public static final List<String> CONTAINERD_SOCKET = List.of("run", "containerd", "containerd.sock");
    /** Windows containerd named pipe: {@code \\.\pipe\containerd-containerd}. */
    public static final String CONTAINERD_PIPE = "containerd-containerd";
    /** Pod log root below the host root: {@code /var/log/pods} and {@code C:\var\log\pods}. */
    public static final List<String> POD_LOGS = List.of("var", "log", "pods");
    /** Set by containerd in every Windows HostProcess container. */
    public static final String HOSTPROCESS_ENV = "CONTAINER_SANDBOX_MOUNT_POINT";
    public static final String DNS_NAME = "kubernetes.default";
    /** Below this share of free space the disk check fails (the kubelet's default eviction is 10%). */
    public static final double MIN_FREE_FRACTION = 0.15;
    public static final Duration CLOCK_WARN = Duration.ofSeconds(2);
    public static final Duration CLOCK_FAIL = Duration.ofSeconds(30);

    private NodeChecks() {
    }

    /** Every check, in the order results are published. */
    public static List<NodeCheck> all() {
        return List.of(
                check("kubelet-health", (n, r) -> n.probes().kubeletHealth()
                        .map(why -> NodeCheckOutcome.failed("kubelet health endpoint did not answer ok: " + why
                                + "; check the kubelet service on this node (" + (n.os() == NodeOs.WINDOWS ? "Get-Service kubelet" : "systemctl status kubelet") + ")"))
                        .orElseGet(() -> NodeCheckOutcome.passed("kubelet /healthz answered ok"))),
                check("runtime-endpoint", NodeChecks::runtimeEndpoint),
                check("pod-log-root", NodeChecks::podLogRoot),
                check("disk-free", NodeChecks::diskFree),
                check("clock-offset", NodeChecks::clockOffset),
                check("dns", (n, r) -> {
                    List<String> addrs = n.probes().resolve(DNS_NAME);
                    return addrs.isEmpty()
                            ? NodeCheckOutcome.failed(DNS_NAME + " does not resolve from this node: check CoreDNS in kube-system and "
                            + "that the collector's dnsPolicy is ClusterFirstWithHostNet")
                            : NodeCheckOutcome.passed(DNS_NAME + " resolves to " + String.join(", ", addrs));
                }),
                check("node-log-source", NodeChecks::nodeLogSource),
                check("hostprocess", (n, r) -> {
                    if (n.os() != NodeOs.WINDOWS) {
                        return NodeCheckOutcome.skipped("HostProcess containers exist on Windows only");
                    }
                    return n.env().containsKey(HOSTPROCESS_ENV)
                            ? NodeCheckOutcome.passed("running as a HostProcess container (" + HOSTPROCESS_ENV + " is set)")
                            : NodeCheckOutcome.failed("not a HostProcess container: set securityContext.windowsOptions.hostProcess: true "
                            + "and hostNetwork: true in the Windows collector DaemonSet, or host files and the Event Log stay out of reach");
                }));
    }

    static NodeCheckOutcome runtimeEndpoint(NodeEnvironment n, DiagnosticsRequest r) {
        if (n.os() == NodeOs.WINDOWS) {
            return n.probes().pipeExists(CONTAINERD_PIPE)
                    ? NodeCheckOutcome.passed("containerd named pipe \\\\.\\pipe\\" + CONTAINERD_PIPE + " is present")
                    : NodeCheckOutcome.failed("containerd named pipe \\\\.\\pipe\\" + CONTAINERD_PIPE
                    + " is missing: is the containerd service running (Get-Service containerd)?");
        }
        Path sock = n.hostPath(CONTAINERD_SOCKET.get(0), CONTAINERD_SOCKET.subList(1, CONTAINERD_SOCKET.size()).toArray(String[]::new));
        return Files.exists(sock)
                ? NodeCheckOutcome.passed("containerd socket /run/containerd/containerd.sock is present")
                : NodeCheckOutcome.failed("containerd socket /run/containerd/containerd.sock is missing: is containerd running "
                + "(systemctl status containerd), and is /run/containerd mounted into the collector?");
    }

    static NodeCheckOutcome podLogRoot(NodeEnvironment n, DiagnosticsRequest r) {
        Path logs = podLogs(n);
        String shown = n.os() == NodeOs.WINDOWS ? "C:\\var\\log\\pods" : "/var/log/pods";
        if (!Files.isDirectory(logs)) {
            return NodeCheckOutcome.failed("pod log root " + shown + " is missing: mount it into the collector (hostPath)");
        }
        try (Stream<Path> s = Files.list(logs)) {
            long count = s.count();
            return NodeCheckOutcome.passed("pod log root " + shown + " is readable (" + count + " pod directories)");
        } catch (java.io.IOException | SecurityException e) {
            return NodeCheckOutcome.failed("pod log root " + shown + " is not readable: " + e.getMessage()
                    + "; run the collector with read access to it");
        }
    }

    static NodeCheckOutcome diskFree(NodeEnvironment n, DiagnosticsRequest r) {
        Path logs = podLogs(n);
        HostProbes.DiskSpace d = n.probes().diskSpace(Files.exists(logs) ? logs : n.root());
        if (d.totalBytes() <= 0) {
            return NodeCheckOutcome.skipped("the file system reports no size");
        }
        double free = (double) d.usableBytes() / d.totalBytes();
        String figures = String.format(java.util.Locale.ROOT, "%.1f%% free (%d of %d MiB)", free * 100,
                d.usableBytes() >> 20, d.totalBytes() >> 20);
        return free >= MIN_FREE_FRACTION
                ? NodeCheckOutcome.passed(figures)
                : NodeCheckOutcome.failed(figures + ", below " + (int) (MIN_FREE_FRACTION * 100)
                + "%: the kubelet will start evicting pods; free space or grow the disk");
    }

    static NodeCheckOutcome clockOffset(NodeEnvironment n, DiagnosticsRequest r) {
        if (r.requestedAt() == null) {
            return NodeCheckOutcome.skipped("the request carries no time to compare with");
        }
        // the offset includes the request's delivery time, so it is an upper bound of the clock skew
        Duration offset = Duration.between(r.requestedAt(), n.clock().instant()).abs();
        String figures = "clock differs from the diagnostics service's by at most " + offset.toMillis() + " ms";
        if (offset.compareTo(CLOCK_FAIL) > 0) {
            return NodeCheckOutcome.failed(figures + ": sync time (chrony/timesyncd, or w32tm /resync on Windows); "
                    + "certificates and log ordering break with skew");
        }
        if (offset.compareTo(CLOCK_WARN) > 0) {
            return new NodeCheckOutcome(DiagnosticsResult.Status.WARNING, figures + ": check time sync on this node");
        }
        return NodeCheckOutcome.passed(figures);
    }

    static NodeCheckOutcome nodeLogSource(NodeEnvironment n, DiagnosticsRequest r) {
        if (n.os() == NodeOs.WINDOWS) {
            Optional<String> why = n.probes().eventLog();
            return why.map(w -> NodeCheckOutcome.failed("Windows Event Log is not reachable: " + w
                            + "; the collector must run as a HostProcess container to read it"))
                    .orElseGet(() -> NodeCheckOutcome.passed("Windows Event Log answered a query of the System log"));
        }
        Path persistent = n.hostPath("var", "log", "journal");
        Path volatileJournal = n.hostPath("run", "log", "journal");
        if (Files.isDirectory(persistent) || Files.isDirectory(volatileJournal)) {
            return NodeCheckOutcome.passed("systemd journal is reachable ("
                    + (Files.isDirectory(persistent) ? "/var/log/journal" : "/run/log/journal") + ")");
        }
        return NodeCheckOutcome.failed("no systemd journal at /var/log/journal or /run/log/journal: mount them into the collector, "
                + "or node logs (kubelet, containerd) are not collected");
    }

    private static Path podLogs(NodeEnvironment n) {
        return n.hostPath(POD_LOGS.get(0), POD_LOGS.subList(1, POD_LOGS.size()).toArray(String[]::new));
    }

    private static NodeCheck check(String name, BiFunction<NodeEnvironment, DiagnosticsRequest, NodeCheckOutcome> body) {
        return new NodeCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NodeCheckOutcome run(NodeEnvironment node, DiagnosticsRequest request) {
                return body.apply(node, request);
            }
        };
    }
}
