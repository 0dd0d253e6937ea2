package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.kafka.client.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;
import dev.vigil.diagnostics.config.DiagnosticsConfig;
import dev.vigil.diagnostics.nodechecks.CollectorHeartbeats;
import dev.vigil.diagnostics.nodechecks.KafkaNodeCheckExchange;
import dev.vigil.diagnostics.nodechecks.NodeCheckExchange;
import dev.vigil.diagnostics.plugins.ManualResults;
import dev.vigil.diagnostics.plugins.PluginDefinition;
import dev.vigil.diagnostics.plugins.PluginDefinitions;
import dev.vigil.diagnostics.plugins.PodPolicy;
import dev.vigil.diagnostics.plugins.PolicyException;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import dev.vigil.diagnostics.report.JunitParser;
import dev.vigil.diagnostics.registry.ImagePlatforms;
import dev.vigil.diagnostics.registry.RegistryClient;
import dev.vigil.diagnostics.registry.RegistryCredentials;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.SonobuoyItem;
import dev.vigil.diagnostics.report.SonobuoyResults;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.json.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Owns the diagnostics runs: creates and executes them, takes plugin uploads and node-check
 * results, cancels them, and persists every change to the compacted topic
 * {@code vigil.diagnostics.runs}. On start it restores the runs from that topic, keeps finished
 * ones and resumes the ones that were running. Node-check requests go to
 * {@code vigil.diagnostics.requests}; answers are read from {@code vigil.diagnostics.results}.
 */
@ApplicationScoped
public class RunService {
    private static final Logger LOG = Logger.getLogger(RunService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final DiagnosticsConfig config;
    private final KafkaClientConfig kafka;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, RunState> runs = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final CollectorHeartbeats heartbeats = new CollectorHeartbeats();
    private final RunLayout layout;
    private ExecutorService executor;
    private RunStore store = RunStore.none();
    private NodeCheckExchange exchange = NodeCheckExchange.none();

    public RunService(KubernetesClient client, DiagnosticsConfig config,
                      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.client = client;
        this.config = config;
        this.kafka = new KafkaClientConfig(kafka);
        this.layout = new RunLayout(Path.of(config.dataDir()), config.redactArchives());
    }

    void onStart(@Observes StartupEvent ev) {
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vigil-diagnostics-run");
            t.setDaemon(true);
            return t;
        });
        if (config.kafkaEnabled()) {
            store = new KafkaRunStore(kafka);
            for (RunState s : store.loadAll()) {
                runs.put(s.id(), s);
            }
            exchange = new KafkaNodeCheckExchange(kafka, this::onResult);
        }
        runs.values().stream().filter(s -> !s.status().finished()).forEach(s -> {
            LOG.infof("resuming run %s", s.id());
            update(s.id(), x -> x.logged(clock.instant(), "resumed after a restart"));
            submit(s.id());
        });
    }

    void onStop(@Observes ShutdownEvent ev) {
        executor.shutdownNow();
        exchange.close();
        store.close();
    }

    /**
     * Starts a run.
     *
     * @throws IllegalArgumentException when a plugin definition is invalid
     * @throws PolicyException when a plugin asks for privileges it is not approved for
     */
    public RunState create(RunSpec spec) {
        List<PluginDefinition> defs = spec.pluginDefinitions();
        defs.forEach(d -> RunLayout.segment("plugin", d.name()));
        for (PluginDefinition d : defs) {
            List<String> refused = PodPolicy.violations(d, config.approvedPrivilegedPlugins().orElse(Set.of()));
            if (!refused.isEmpty()) {
                throw new PolicyException("plugin " + d.name() + " asks for " + String.join(", ", refused)
                        + "; an operator may approve it in vigil.diagnostics.approved-privileged-plugins");
            }
        }
        String id = HexFormat.of().formatHex(randomBytes(5));
        RunState s = RunState.created(id, spec, clock.instant(), HexFormat.of().formatHex(randomBytes(32)));
        runs.put(id, s);
        store.save(s);
        submit(id);
        return s;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A run's workflow on the executor: whether it started, and when it ended. */
    private record Execution(Future<?> future, AtomicBoolean started, CompletableFuture<Void> done) {
        /** Waits until the workflow has left, so nothing writes into what a cancel deletes. */
        void stop() {
            future.cancel(true);
            if (!started.get()) {
                return;
            }
            try {
                done.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("run workflow did not stop in time: %s", e.toString());
            }
        }
    }

    private void submit(String id) {
        AtomicBoolean started = new AtomicBoolean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        RunWorkflow workflow = new RunWorkflow(id, this, client, config, clock);
        Future<?> f = executor.submit(() -> {
            started.set(true);
            try {
                workflow.run();
            } finally {
                done.complete(null);
            }
        });
        executions.put(id, new Execution(f, started, done));
    }

    public Optional<RunState> get(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Every run, newest first. */
    public List<RunState> list() {
        return runs.values().stream().sorted(Comparator.comparing(RunState::createdAt).reversed()).toList();
    }

    /** Applies a change to a run and persists it; empty when the run no longer exists. */
    public synchronized Optional<RunState> update(String id, UnaryOperator<RunState> change) {
        RunState old = runs.get(id);
        if (old == null) {
            return Optional.empty();
        }
        RunState next = change.apply(old);
        if (next != old) {
            runs.put(id, next);
            store.save(next);
        }
        return Optional.of(next);
    }

    /** Cancels a run, deletes what it created in the cluster and its files, and forgets it. */
    public boolean cancel(String id) {
        if (!runs.containsKey(id)) {
            return false;
        }
        update(id, s -> s.status().finished() ? s : s.withStatus(RunStatus.CANCELLED, clock.instant()));
        Execution e = executions.remove(id);
        if (e != null) {
            e.stop();
        }
        deleteWorkloads(id);
        layout.delete(id);
        runs.remove(id);
        store.delete(id);
        return true;
    }

    /** Deletes every Job, DaemonSet and plugin ConfigMap labelled with the run. */
    void deleteWorkloads(String id) {
        String ns = config.namespace();
        client.apps().daemonSets().inNamespace(ns).withLabel(PluginWorkloads.RUN_LABEL, id).delete();
        client.batch().v1().jobs().inNamespace(ns).withLabel(PluginWorkloads.RUN_LABEL, id).delete();
        client.configMaps().inNamespace(ns).withLabel(PluginWorkloads.RUN_LABEL, id).delete();
    }

    /** What an upload produced. */
    public record UploadOutcome(String plugin, String node, int passed, int failed, int skipped) {
    }

    /**
     * Takes a plugin worker's result file for one node, files it in the archive layout and reads it
     * according to the plugin's result format.
     *
     * @throws java.util.NoSuchElementException when the run or plugin is unknown
     * @throws IllegalStateException when the run is not running or the node is not part of the plugin
     * @throws IllegalArgumentException when names are unsafe or the content does not parse
     */
    public UploadOutcome upload(String id, String plugin, String node, String file, byte[] content) {
        RunState s = get(id).orElseThrow(() -> new java.util.NoSuchElementException("no run " + id));
        PluginDefinition def = s.spec().pluginDefinitions().stream().filter(d -> d.name().equals(plugin)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("run " + id + " has no plugin " + plugin));
        RunLayout.segment("node", node);
        PluginProgress.NodeProgress progress = s.node(plugin, node).orElseThrow(() -> new IllegalStateException(
                "node " + node + " is not part of plugin " + plugin + " in run " + id));
        if (s.status() != RunStatus.RUNNING) {
            throw new IllegalStateException("run " + id + " is " + s.status() + ", not accepting results");
        }
        String name = file == null || file.isBlank() ? switch (def.resultFormat()) {
            case JUNIT -> "junit.xml";
            case MANUAL -> SonobuoyResults.FILE; // Sonobuoy's name when the plugin names none
            case RAW -> "results";
        } : file;
        List<TestCase> cases = switch (def.resultFormat()) {
            case JUNIT -> JunitParser.parse(content);
            case MANUAL -> ManualResults.parse(content);
            case RAW -> List.of(new TestCase(name, DiagnosticsResult.Status.SKIPPED, "raw results are stored, not interpreted"));
        };
        layout.writeResult(id, plugin, node, name, content);
        List<ResultItem> items = cases.stream().map(c -> new ResultItem(plugin, node, progress.os(), c.name(), c.status(), c.message())).toList();
        update(id, x -> x.addResults(plugin, node, items)
                .withNode(plugin, new PluginProgress.NodeProgress(node, progress.os(), NodeStatus.COMPLETE, ""))
                .logged(clock.instant(), "plugin " + plugin + ": results from " + node + " (" + items.size() + " cases)"));
        Map<DiagnosticsResult.Status, Long> counts = cases.stream().collect(Collectors.groupingBy(TestCase::status, Collectors.counting()));
        return new UploadOutcome(plugin, node, counts.getOrDefault(DiagnosticsResult.Status.PASSED, 0L).intValue(),
                counts.getOrDefault(DiagnosticsResult.Status.FAILED, 0L).intValue(),
                counts.getOrDefault(DiagnosticsResult.Status.SKIPPED, 0L).intValue());
    }

    /**
     * A plugin's progress update from one node, relayed by its worker: combined with the last one
     * by Sonobuoy's rules and shown in the run's status until the next.
     *
     * @throws java.util.NoSuchElementException when the run or plugin is unknown
     * @throws IllegalStateException when the run is not running or the node is not part of the plugin
     */
    public ProgressUpdate progress(String id, String plugin, String node, ProgressUpdate update) {
        RunState s = get(id).orElseThrow(() -> new java.util.NoSuchElementException("no run " + id));
        if (s.spec().pluginDefinitions().stream().noneMatch(d -> d.name().equals(plugin))) {
            throw new java.util.NoSuchElementException("run " + id + " has no plugin " + plugin);
        }
        if (s.node(plugin, node).isEmpty()) {
            throw new IllegalStateException("node " + node + " is not part of plugin " + plugin + " in run " + id);
        }
        if (s.status() != RunStatus.RUNNING) {
            throw new IllegalStateException("run " + id + " is " + s.status() + ", not accepting progress");
        }
        ProgressUpdate stamped = update.stamped(plugin, node, clock.instant().toString());
        return update(id, x -> x.node(plugin, node).map(n -> x.withNode(plugin, new PluginProgress.NodeProgress(n.node(), n.os(),
                        n.status(), n.message(), ProgressUpdate.combine(n.progress(), stamped)))).orElse(x))
                .flatMap(x -> x.node(plugin, node)).map(PluginProgress.NodeProgress::progress).orElse(stamped);
    }

    /**
     * A collector's node-check answer: counts as a heartbeat, and when it belongs to a running run's
     * node, becomes a result; the node is complete once every requested check answered.
     */
    public void onResult(DiagnosticsResult r) {
        if (r.node() == null || r.node().isBlank()) {
            return;
        }
        heartbeats.record(r.node(), r.at() == null ? clock.instant() : r.at());
        if (r.runId() == null || !runs.containsKey(r.runId())) {
            return;
        }
        String id = r.runId();
        Optional<RunState> after = update(id, s -> {
            Optional<PluginProgress.NodeProgress> p = s.node(RunWorkflow.NODE_CHECKS, r.node());
            if (s.status() != RunStatus.RUNNING || p.isEmpty() || p.get().status().finished()) {
                return s;
            }
            ResultItem item = new ResultItem(RunWorkflow.NODE_CHECKS, r.node(), r.os() == null ? p.get().os() : r.os(),
                    r.check(), r.status() == null ? DiagnosticsResult.Status.WARNING : r.status(), r.message() == null ? "" : r.message());
            RunState next = s.addResults(RunWorkflow.NODE_CHECKS, r.node(), List.of(item));
            List<String> requested = s.spec().nodeCheckNames().isEmpty() ? config.nodeChecks() : s.spec().nodeCheckNames();
            Set<String> answered = next.results(RunWorkflow.NODE_CHECKS, r.node()).stream().map(ResultItem::name).collect(Collectors.toSet());
            if (answered.containsAll(requested)) {
                next = next.withNode(RunWorkflow.NODE_CHECKS, new PluginProgress.NodeProgress(r.node(), item.os(), NodeStatus.COMPLETE, ""))
                        .logged(clock.instant(), "node checks: " + r.node() + " answered");
            }
            return next;
        });
        after.filter(s -> s.node(RunWorkflow.NODE_CHECKS, r.node()).map(p -> p.status() == NodeStatus.COMPLETE).orElse(false))
                .ifPresent(s -> layout.writeJunit(id, RunWorkflow.NODE_CHECKS, r.node(), s.results(RunWorkflow.NODE_CHECKS, r.node())));
    }

    /** Writes the run's archive: its files plus {@code meta/config.json} and {@code meta/run.log}. */
    public void archive(String id, OutputStream out) throws IOException {
        RunState s = get(id).orElseThrow(() -> new java.util.NoSuchElementException("no run " + id));
        Map<String, byte[]> meta = new LinkedHashMap<>();
        meta.put("meta/config.json", Json.encode(Map.of("id", s.id(), "createdAt", s.createdAt().toString(), "spec", s.spec())));
        meta.put("meta/run.log", (String.join("\n", s.log()) + "\n").getBytes(StandardCharsets.UTF_8));
        meta.put("meta/results.json", Json.encode(RunReport.of(s)));
        meta.put("meta/info.json", Json.encode(Map.of("plugins", List.copyOf(s.plugins().keySet()))));
        meta.putAll(sonobuoyResults(s));
        ResultsArchive.write(layout.root(id), meta, out);
    }

    /**
     * {@code plugins/<plugin>/sonobuoy_results.yaml} for every plugin of the run, made from its
     * files as Sonobuoy post-processes them, so {@code sonobuoy results} reads the archive, and
     * each submitted plugin's {@code defintion.json} (Sonobuoy's spelling). The built-in checks and
     * node checks write JUnit, once and per node.
     */
    private Map<String, byte[]> sonobuoyResults(RunState s) {
        Map<String, PluginDefinition> defs = new LinkedHashMap<>();
        s.spec().pluginDefinitions().forEach(d -> defs.put(d.name(), d));
        Map<String, byte[]> out = new LinkedHashMap<>();
        // Sonobuoy keeps each plugin's definition beside its results, under this very name
        for (JsonNode raw : s.spec().plugins()) {
            JsonNode tree = PluginDefinitions.tree(raw);
            String name = tree.path("sonobuoy-config").path("plugin-name").asText("");
            if (defs.containsKey(name)) {
                out.put("plugins/" + name + "/defintion.json", Json.encode(Map.of("Definition", tree)));
            }
        }
        for (String plugin : s.plugins().keySet()) {
            PluginDefinition d = defs.get(plugin);
            String format = d == null ? "junit" : d.resultFormat().name().toLowerCase(java.util.Locale.ROOT);
            boolean perNode = d == null ? plugin.equals(RunWorkflow.NODE_CHECKS) : d.driver() == PluginDefinition.Driver.DAEMONSET;
            Map<String, Path> files = layout.pluginFiles(s.id(), plugin);
            SonobuoyItem tree = SonobuoyResults.plugin(plugin, format, perNode, d == null ? List.of() : d.resultFiles(),
                    files.keySet(), name -> RunLayout.read(files.get(name)));
            out.put("plugins/" + plugin + "/" + SonobuoyResults.FILE, tree.toYaml());
        }
        return out;
    }

    RunLayout layout() {
        return layout;
    }

    /**
     * What a run's image-platform lint asks: the registries, each run with a fresh cache (tags
     * move), with the auth file's credentials; nothing when the lint is off or the file unreadable.
     */
    ImagePlatforms imagePlatforms() {
        DiagnosticsConfig.Registry r = config.registry();
        if (!r.enabled()) {
            return ImagePlatforms.NONE;
        }
        RegistryCredentials credentials = RegistryCredentials.NONE;
        if (r.authFile().isPresent()) {
            try {
                credentials = RegistryCredentials.fromFile(Path.of(r.authFile().get()));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("registry auth file %s not read (%s): private images are not judged", r.authFile().get(), e.getMessage());
            }
        }
        return new RegistryClient(r.timeout(), credentials, r.plainHttp().orElse(Set.of()));
    }

    CollectorHeartbeats heartbeats() {
        return heartbeats;
    }

    NodeCheckExchange exchange() {
        return exchange;
    }
}
