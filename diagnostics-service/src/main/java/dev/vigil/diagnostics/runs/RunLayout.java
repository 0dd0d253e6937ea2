package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.HostState;
import dev.vigil.diagnostics.inventory.Inventory;
import dev.vigil.diagnostics.inventory.QueryTime;
import dev.vigil.diagnostics.report.JunitWriter;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run's files on disk, in Sonobuoy's results layout: {@code resources/cluster/*.json},
 * {@code resources/ns/<ns>/*.json}, {@code plugins/<plugin>/results/<node>/<file>}. The archive is
 * this tree plus the {@code meta/} files made from the run state.
 */
public final class RunLayout {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");
    private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();
    private final Path dataDir;
    private final boolean redact;

    public RunLayout(Path dataDir) {
        this(dataDir, true);
    }

    /** @param redact whether the cluster's objects are written without secrets ({@link ArchiveRedaction}) */
    public RunLayout(Path dataDir, boolean redact) {
        this.dataDir = dataDir;
        this.redact = redact;
    }

    /** Refuses names that could leave the run's directory or that no file system accepts everywhere. */
    public static String segment(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' must be letters, digits, '.', '_' or '-' (no path separators)");
        }
        return value;
    }

    public Path root(String runId) {
        return dataDir.resolve("runs").resolve(segment("run id", runId));
    }

    public Path pluginResults(String runId, String plugin, String node) {
        return root(runId).resolve("plugins").resolve(segment("plugin", plugin)).resolve("results").resolve(segment("node", node));
    }

    /** Writes a plugin's file for one node. */
    public void writeResult(String runId, String plugin, String node, String file, byte[] content) {
        write(pluginResults(runId, plugin, node).resolve(segment("file name", file)), content);
    }

    /**
     * Every file a plugin left in this run, by its path below {@code plugins/<plugin>/} joined with
     * '/' whatever the platform's separator; empty when the plugin wrote nothing. Read with
     * {@link #read(Path)} only what is needed.
     */
    public Map<String, Path> pluginFiles(String runId, String plugin) {
        Path dir = root(runId).resolve("plugins").resolve(segment("plugin", plugin));
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> out.put(ResultsArchive.entryName(dir, f), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the results of " + plugin + " in run " + runId, e);
        }
        return out;
    }

    /** One file of a run. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes the results of a built-in plugin on one node as JUnit XML. */
    public void writeJunit(String runId, String plugin, String node, List<ResultItem> items) {
        List<TestCase> cases = items.stream().map(i -> new TestCase(i.name(), i.status(), i.message())).toList();
        String xml = JunitWriter.write(List.of(new JunitWriter.Suite(plugin + "/" + node, cases)));
        writeResult(runId, plugin, node, "junit.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Dumps the snapshot as Sonobuoy's query does, file for file: {@code serverversion.json} and
     * {@code servergroups.json} at the top, cluster-scoped lists in
     * {@code resources/cluster/<group>_<version>_<resource>.json} ({@code core} for the legacy
     * group), namespaced ones in {@code resources/ns/<namespace>/...}, each a JSON array of objects.
     * Vigil's inventory summary goes to {@code meta/inventory.json}.
     */
    public void writeResources(String runId, ClusterSnapshot s, Inventory inventory) {
        Path root = root(runId);
        json(root.resolve("serverversion.json"), serverVersion(s.serverVersion()));
        json(root.resolve("servergroups.json"), serverGroups(s.apiResources()));
        Path cluster = root.resolve("resources").resolve("cluster");
        json(cluster.resolve("core_v1_nodes.json"), s.nodes());
        json(cluster.resolve("core_v1_namespaces.json"), s.namespaces());
        json(root.resolve("meta").resolve("inventory.json"), inventory);
        Map<String, Map<String, List<? extends HasMetadata>>> byNs = new TreeMap<>();
        group(byNs, "core_v1_pods", s.pods());
        group(byNs, "apps_v1_daemonsets", s.daemonSets());
        group(byNs, "apps_v1_deployments", s.deployments());
        group(byNs, "apps_v1_statefulsets", s.statefulSets());
        group(byNs, "batch_v1_jobs", s.jobs());
        group(byNs, "core_v1_events", s.events());
        byNs.forEach((ns, kinds) -> kinds.forEach((kind, items) ->
                json(root.resolve("resources").resolve("ns").resolve(segment("namespace", ns)).resolve(kind + ".json"),
                        redact ? ArchiveRedaction.redact(Json.MAPPER.valueToTree(items)) : items)));
    }

    /** Sonobuoy's {@code meta/query-time.json}: how long each query of the cluster took. */
    public void writeQueryTimes(String runId, List<QueryTime> timings) {
        try {
            write(root(runId).resolve("meta").resolve("query-time.json"), Json.MAPPER.writeValueAsBytes(timings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sonobuoy's {@code hosts/<node>/configz.json} (the kubelet's configuration as it answered) and
     * {@code healthz.json} ({@code {"status":200}}); a node whose configz could not be read has only
     * its healthz.
     */
    public void writeHosts(String runId, List<HostState> hosts) {
        for (HostState h : hosts) {
            Path dir = root(runId).resolve("hosts").resolve(segment("node", h.node()));
            if (h.configz() != null) {
                json(dir.resolve("configz.json"), h.configz());
            }
            json(dir.resolve("healthz.json"), Map.of("status", h.healthz()));
        }
    }

    /** Sonobuoy's {@code podlogs/<namespace>/<pod>/logs/<container>.txt}. */
    public void writePodLog(String runId, String namespace, String pod, String container, byte[] log) {
        write(root(runId).resolve("podlogs").resolve(segment("namespace", namespace)).resolve(segment("pod", pod))
                .resolve("logs").resolve(segment("container", container) + ".txt"), log);
    }

    /** Kubernetes' version.Info as far as the snapshot knows it: gitVersion and the major and minor it starts with. */
    static Map<String, String> serverVersion(String gitVersion) {
        Map<String, String> v = new LinkedHashMap<>();
        Matcher m = VERSION.matcher(gitVersion == null ? "" : gitVersion);
        boolean known = m.find();
        v.put("major", known ? m.group(1) : "");
        v.put("minor", known ? m.group(2) : "");
        v.put("gitVersion", gitVersion == null ? "" : gitVersion);
        return v;
    }

    /** An APIGroupList from the resources' group versions (the legacy group as ""), first version listed preferred. */
    static Map<String, Object> serverGroups(List<ClusterSnapshot.ApiResource> resources) {
        Map<String, Set<String>> byGroup = new LinkedHashMap<>();
        for (ClusterSnapshot.ApiResource r : resources) {
            String gv = r.groupVersion();
            int slash = gv.indexOf('/');
            byGroup.computeIfAbsent(slash < 0 ? "" : gv.substring(0, slash), g -> new LinkedHashSet<>()).add(gv);
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        byGroup.forEach((name, gvs) -> {
            List<Map<String, String>> versions = gvs.stream().map(gv -> Map.of("groupVersion", gv,
                    "version", gv.substring(gv.indexOf('/') + 1))).toList();
            groups.add(Map.of("name", name, "versions", versions, "preferredVersion", versions.get(0)));
        });
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    public void delete(String runId) {
        Path root = root(runId);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static void group(Map<String, Map<String, List<? extends HasMetadata>>> byNs, String kind, List<? extends HasMetadata> items) {
        Map<String, List<HasMetadata>> grouped = items.stream().collect(Collectors.groupingBy(
                i -> i.getMetadata().getNamespace() == null ? "default" : i.getMetadata().getNamespace(), TreeMap::new,
                Collectors.mapping(Function.identity(), Collectors.toList())));
        grouped.forEach((ns, list) -> byNs.computeIfAbsent(ns, k -> new TreeMap<>()).put(kind, list));
    }

    private static void json(Path file, Object value) {
        try {
            write(file, PRETTY.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
