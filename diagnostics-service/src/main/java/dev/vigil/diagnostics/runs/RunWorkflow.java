package dev.vigil.diagnostics.runs;

import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.diagnostics.checks.BuiltInChecks;
import dev.vigil.diagnostics.checks.CheckResult;
import dev.vigil.diagnostics.config.DiagnosticsConfig;
import dev.vigil.diagnostics.inventory.ClusterReader;
import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.HostState;
import dev.vigil.diagnostics.inventory.InventoryCollector;
import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.diagnostics.plugins.PluginDefinition;
import dev.vigil.diagnostics.plugins.PodPolicy;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import dev.vigil.model.json.DiagnosticsRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The steps of one run: snapshot and inventory, plugin workloads per OS, node checks through the
 * collectors, waiting for results with per-kind deadlines, cleanup of what was created, then the
 * built-in checks (last, so the collector check sees this run's answers). Resuming a restored run
 * repeats the steps but leaves nodes that already finished alone.
 */
final class RunWorkflow implements Runnable {
    /** The plugin name node-check results are filed under. */
    static final String NODE_CHECKS = "vigil-node-checks";
    private static final Duration POLL = Duration.ofMillis(200);

    private final String id;
    private final RunService runs;
    private final KubernetesClient client;
    private final DiagnosticsConfig config;
    private final Clock clock;
    /** The cluster's version, for plugins that name it ({@code $SONOBUOY_K8S_VERSION}); set when the run reads the cluster. */
    private String serverVersion = "";

    RunWorkflow(String id, RunService runs, KubernetesClient client, DiagnosticsConfig config, Clock clock) {
        this.id = id;
        this.runs = runs;
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KubernetesClientException e) {
            fail("the Kubernetes API did not answer: " + e.getMessage());
        } catch (RuntimeException e) {
            fail("run stopped: " + e);
        } finally {
            if (!Thread.currentThread().isInterrupted()) {
                cleanup();
            }
        }
    }

    private void execute() throws InterruptedException {
        Optional<RunState> start = runs.update(id, s -> s.withStatus(RunStatus.RUNNING, clock.instant()));
        if (start.isEmpty()) {
            return;
        }
        RunSpec spec = start.get().spec();
        ClusterReader reader = new ClusterReader(client);
        ClusterSnapshot snapshot = reader.read();
        serverVersion = snapshot.serverVersion();
        List<Node> targets = targets(spec, snapshot);
        if (spec.inventory()) {
            runs.layout().writeResources(id, snapshot, InventoryCollector.summarise(snapshot));
            runs.layout().writeQueryTimes(id, reader.timings());
            if (config.hostConfig()) {
                List<HostState> hosts = HostState.read(client, snapshot.nodes());
                runs.layout().writeHosts(id, hosts);
                hosts.stream().filter(h -> !h.error().isEmpty()).forEach(h -> log("hosts/" + h.node() + ": " + h.error()));
            }
            log("inventory: " + snapshot.nodes().size() + " nodes, " + snapshot.pods().size() + " pods, "
                    + snapshot.namespaces().size() + " namespaces");
        }
        Instant started = clock.instant();
        for (PluginDefinition def : spec.pluginDefinitions()) {
            startPlugin(def, targets);
        }
        if (spec.nodeChecks()) {
            startNodeChecks(spec, targets);
        }
        awaitNodes(started);
        if (config.podLogs().enabled()) {
            keepPodLogs();
        }
        cleanup();
        if (spec.checks()) {
            List<CheckResult> results = BuiltInChecks.run(BuiltInChecks.all(runs.heartbeats().snapshot(), clock.instant(),
                    config.collectorMaxAge(), runs.imagePlatforms()), snapshot);
            List<ResultItem> items = results.stream().map(r -> new ResultItem(BuiltInChecks.PLUGIN, "global", "", r.check(),
                    r.status(), r.message())).toList();
            runs.layout().writeJunit(id, BuiltInChecks.PLUGIN, "global", items);
            runs.update(id, s -> s.withResults(BuiltInChecks.PLUGIN, "global", items)
                    .withNode(BuiltInChecks.PLUGIN, new PluginProgress.NodeProgress("global", "", NodeStatus.COMPLETE, "")));
            log("built-in checks: " + results.stream().filter(r -> r.status() == DiagnosticsResult.Status.FAILED).count()
                    + " of " + results.size() + " failed");
        }
        runs.update(id, s -> s.status() == RunStatus.RUNNING ? s.withStatus(RunStatus.COMPLETE, clock.instant()) : s);
    }

    private List<Node> targets(RunSpec spec, ClusterSnapshot snapshot) {
        if (spec.nodes().isEmpty()) {
            return snapshot.nodes();
        }
        Set<String> known = snapshot.nodes().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        spec.nodes().stream().filter(n -> !known.contains(n)).forEach(n -> log("node " + n + " is not in the cluster and is left out"));
        return snapshot.nodes().stream().filter(n -> spec.nodes().contains(n.getMetadata().getName())).toList();
    }

    private void startPlugin(PluginDefinition def, List<Node> targets) {
        // A run recorded before the policy (or replayed from the runs topic) is held to it too.
        List<String> refused = PodPolicy.violations(def, config.approvedPrivilegedPlugins().orElse(Set.of()));
        if (!refused.isEmpty()) {
            log("plugin " + def.name() + " not started: it asks for " + String.join(", ", refused));
            return;
        }
        Map<String, List<Node>> byOs = targets.stream().collect(Collectors.groupingBy(Scheduling::nodeOs, TreeMap::new, Collectors.toList()));
        boolean anyScheduled = false;
        for (Placement e : placements(def, byOs)) {
            String os = e.os();
            List<String> keys = def.driver() == PluginDefinition.Driver.DAEMONSET
                    ? e.nodes().stream().map(n -> n.getMetadata().getName()).toList()
                    : List.of(PluginWorkloads.jobNode(def, os));
            if (!def.images().containsKey(os)) {
                if (def.driver() == PluginDefinition.Driver.DAEMONSET) {
                    for (String k : keys) {
                        mark(def.name(), k, os, NodeStatus.SKIPPED, "plugin has no " + os + " image: add vigil-config.images." + os);
                    }
                }
                continue;
            }
            anyScheduled = true;
            List<String> open = keys.stream().filter(k -> runs.get(id).flatMap(s -> s.node(def.name(), k))
                    .map(p -> !p.status().finished()).orElse(true)).toList();
            if (open.isEmpty()) {
                continue;
            }
            open.forEach(k -> mark(def.name(), k, os, NodeStatus.RUNNING, ""));
            String workerImage = "windows".equals(os) ? windowsWorkerImage(e.build()) : config.worker().linuxImage();
            PluginWorkloads.Target target = new PluginWorkloads.Target(id, os, config.namespace(),
                    config.uploadUrl(), workerImage, e.nodes(), runs.get(id).map(RunState::uploadToken).orElse(null), serverVersion,
                    e.pinned() ? e.build() : "");
            HasMetadata workload = PluginWorkloads.build(def, target);
            try {
                PluginWorkloads.configMap(def, target).ifPresent(cm ->
                        client.resource(cm).inNamespace(config.namespace()).createOr(NonDeletingOperation::update));
                client.resource(workload).inNamespace(config.namespace()).createOr(NonDeletingOperation::update);
                log("plugin " + def.name() + ": created " + workload.getKind() + " " + config.namespace() + "/"
                        + workload.getMetadata().getName() + " for " + os + " (" + open.size() + " result sets expected)");
            } catch (KubernetesClientException ex) {
                open.forEach(k -> mark(def.name(), k, os, NodeStatus.FAILED, "could not create " + workload.getKind() + ": " + ex.getMessage()));
            }
        }
        if (!anyScheduled) {
            String key = def.driver() == PluginDefinition.Driver.JOB ? "global" : "none";
            mark(def.name(), key, "", NodeStatus.SKIPPED, "no target node runs an OS this plugin has an image for (" + def.oses() + ")");
        }
    }

    /**
     * Where a plugin's workloads go: one per OS, and on Windows one per build when the nodes differ,
     * since the worker image (and a process-isolated container) must match the node's build. A
     * workload is pinned to a build through the kubelet's build label, so only when every Windows
     * node carries it; a Job runs once, on the most common build.
     *
     * @param build  the Windows build the worker image is chosen for ("" when unknown or Linux)
     * @param pinned whether the workload selects that build
     */
    record Placement(String os, List<Node> nodes, String build, boolean pinned) {
    }

    static List<Placement> placements(PluginDefinition def, Map<String, List<Node>> byOs) {
        List<Placement> out = new ArrayList<>();
        byOs.forEach((os, nodes) -> {
            if (!"windows".equals(os)) {
                out.add(new Placement(os, nodes, "", false));
                return;
            }
            Map<String, List<Node>> byBuild = nodes.stream().collect(Collectors.groupingBy(Scheduling::windowsBuild, TreeMap::new, Collectors.toList()));
            boolean labelled = nodes.stream().allMatch(n -> n.getMetadata().getLabels() != null
                    && n.getMetadata().getLabels().containsKey(Scheduling.WINDOWS_BUILD_LABEL));
            if (labelled && byBuild.size() > 1 && def.driver() == PluginDefinition.Driver.DAEMONSET) {
                byBuild.forEach((build, group) -> out.add(new Placement(os, group, build, true)));
                return;
            }
            String common = byBuild.entrySet().stream().max(Comparator.comparingInt((Map.Entry<String, List<Node>> b) -> b.getValue().size()))
                    .map(Map.Entry::getKey).orElse("");
            out.add(new Placement(os, nodes, common, labelled && !common.isEmpty() && byBuild.size() > 1));
        });
        return out;
    }

    private String windowsWorkerImage(String build) {
        return windowsWorkerImage(config.worker().windowsBuildImages(), config.worker().windowsImage(), build);
    }

    /** The worker image for a Windows build: its own from {@code build=image} entries, else {@code fallback}. */
    static String windowsWorkerImage(List<String> buildImages, String fallback, String build) {
        for (String entry : buildImages) {
            int eq = entry.indexOf('=');
            if (eq > 0 && entry.substring(0, eq).strip().equals(build)) {
                return entry.substring(eq + 1).strip();
            }
        }
        return fallback;
    }

    private void startNodeChecks(RunSpec spec, List<Node> targets) {
        List<String> open = new ArrayList<>();
        for (Node n : targets) {
            String name = n.getMetadata().getName();
            boolean finished = runs.get(id).flatMap(s -> s.node(NODE_CHECKS, name)).map(p -> p.status().finished()).orElse(false);
            if (!finished) {
                open.add(name);
                mark(NODE_CHECKS, name, Scheduling.nodeOs(n), NodeStatus.RUNNING, "");
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<String> checks = spec.nodeCheckNames().isEmpty() ? config.nodeChecks() : spec.nodeCheckNames();
        boolean sent = runs.exchange().publish(new DiagnosticsRequest(id, open, checks, clock.instant()));
        if (sent) {
            log("node checks requested from " + open.size() + " collectors: " + String.join(",", checks));
        } else {
            open.forEach(n -> mark(NODE_CHECKS, n, osOf(n), NodeStatus.FAILED,
                    "the node-check request could not be published to Kafka: is kafka.bootstrap.servers reachable?"));
        }
    }

    private String osOf(String node) {
        return runs.get(id).flatMap(s -> s.node(NODE_CHECKS, node)).map(PluginProgress.NodeProgress::os).orElse("");
    }

    private void awaitNodes(Instant started) throws InterruptedException {
        Instant pluginDeadline = started.plus(config.pluginTimeout());
        Instant nodeCheckDeadline = started.plus(config.nodeCheckTimeout());
        while (true) {
            Optional<RunState> s = runs.get(id);
            if (s.isEmpty() || s.get().status() != RunStatus.RUNNING) {
                return;
            }
            Instant now = clock.instant();
            boolean waiting = false;
            for (PluginProgress p : s.get().plugins().values()) {
                boolean nodeChecks = p.name().equals(NODE_CHECKS);
                Instant deadline = nodeChecks ? nodeCheckDeadline : pluginDeadline;
                for (PluginProgress.NodeProgress n : p.nodes().values()) {
                    if (n.status().finished()) {
                        continue;
                    }
                    if (now.isAfter(deadline)) {
                        mark(p.name(), n.node(), n.os(), NodeStatus.FAILED, nodeChecks
                                ? "no answer from the collector on " + n.node() + " within " + config.nodeCheckTimeout()
                                + ": is a collector running there with vigil.collector.diagnostics.enabled=true?"
                                : "no results from " + n.node() + " within " + config.pluginTimeout() + ": see `kubectl -n "
                                + config.namespace() + " get pods -l " + PluginWorkloads.RUN_LABEL + "=" + id
                                + " -o wide` and the vigil-worker container's log");
                    } else {
                        waiting = true;
                    }
                }
            }
            if (!waiting) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Copies the logs of this run's plugin pods into {@code podlogs/} before the pods go. */
    private void keepPodLogs() {
        String ns = config.namespace();
        try {
            for (Pod pod : client.pods().inNamespace(ns).withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems()) {
                List<Container> containers = new ArrayList<>(pod.getSpec().getInitContainers());
                containers.addAll(pod.getSpec().getContainers());
                for (Container c : containers) {
                    String name = pod.getMetadata().getName();
                    try {
                        String text = client.pods().inNamespace(ns).withName(name).inContainer(c.getName())
                                .limitBytes(config.podLogs().limitBytes()).getLog();
                        runs.layout().writePodLog(id, ns, name, c.getName(), text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
                    } catch (KubernetesClientException e) {
                        log("podlogs: no log of " + ns + "/" + name + " container " + c.getName() + ": " + e.getMessage());
                    }
                }
            }
        } catch (KubernetesClientException e) {
            log("podlogs: could not list this run's pods: " + e.getMessage());
        }
    }

    private void cleanup() {
        try {
            runs.deleteWorkloads(id);
        } catch (KubernetesClientException e) {
            log("could not delete this run's workloads: " + e.getMessage());
        }
    }

    private void mark(String plugin, String node, String os, NodeStatus status, String message) {
        runs.update(id, s -> s.withNode(plugin, new PluginProgress.NodeProgress(node, os, status, message)));
        if (status == NodeStatus.FAILED) {
            log(plugin + " on " + node + ": " + message);
        }
    }

    private void log(String line) {
        runs.update(id, s -> s.logged(clock.instant(), line));
    }

    private void fail(String why) {
        runs.update(id, s -> s.status().finished() ? s : s.logged(clock.instant(), why).withStatus(RunStatus.FAILED, clock.instant()));
    }
}
