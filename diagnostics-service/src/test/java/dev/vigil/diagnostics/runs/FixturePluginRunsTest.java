package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.KubeletStandIn;
import dev.vigil.diagnostics.MockClusterResource;
import dev.vigil.diagnostics.plugins.PluginDefinition;
import dev.vigil.diagnostics.plugins.PluginDefinitions;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import dev.vigil.diagnostics.plugins.ResultFormat;
import dev.vigil.diagnostics.report.ArchiveShape;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.SonobuoyItem;
import dev.vigil.kafka.KafkaTestResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real Sonobuoy plugin definition of the test resources runs in the mock cluster (fabric8's
 * mock server in CRUD mode: no cluster exists here): its Job or DaemonSets are created, a fake
 * worker uploads for every node the workload reaches a result file in the plugin's own format
 * (JUnit XML, a raw file, a manual results tree), and the run's archive holds the tree
 * {@code sonobuoy results} reads for each. The plugins asking for host access are approved by name
 * in the test configuration ({@code %test.vigil.diagnostics.approved-privileged-plugins}), as an
 * operator would approve them. Three definitions share the name {@code e2e}, so they go in
 * separate runs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MockClusterResource.class)
class FixturePluginRunsTest {

    static final String JUNIT = """
            <testsuite name="fixture" tests="2"><testcase name="works"/><testcase name="breaks"><failure message="no">x</failure></testcase></testsuite>
            """;
    static final String MANUAL = """
            name: fixture
            status: complete
            items:
            - name: check one
              status: passed
            - name: check two
              status: failed
            """;

    private static String yaml(String file) throws IOException {
        try (InputStream in = FixturePluginRunsTest.class.getResourceAsStream("/sonobuoy/plugins/" + file + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyRealPluginRunsAndLeavesATreeSonobuoyReads() throws Exception {
        List<List<String>> runs = List.of(
                List.of("cluster-inventory", "cmdrunner", "e2e", "kube-bench-master-plugin", "kube-bench-plugin", "progress-reporter",
                        "requirements-check-plugin", "sonolark-plugin", "systemd-logs"),
                List.of("windows-e2e-plugin"), List.of("windows-e2e-master-plugin"));
        for (List<String> files : runs) {
            List<String> yamls = new ArrayList<>();
            Map<String, PluginDefinition> defs = new LinkedHashMap<>();
            for (String f : files) {
                yamls.add(yaml(f));
                PluginDefinition d = PluginDefinitions.parse(yamls.get(yamls.size() - 1));
                defs.put(d.name(), d);
            }
            String id = given().contentType("application/json")
                    .body(Map.of("checks", false, "nodeChecks", false, "inventory", true, "plugins", yamls))
                    .post("/diagnostics/runs").then().statusCode(201).extract().path("id");
            Set<String> uploaded = ConcurrentHashMap.newKeySet();
            List<Pod> pods = new ArrayList<>();
            try (KubernetesClient k = MockClusterResource.client()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    uploadAll(k, id, defs, uploaded, pods);
                    return "COMPLETE".equals(given().get("/diagnostics/runs/" + id).path("status"));
                });
                pods.forEach(p -> k.resource(p).delete()); // as the garbage collector would once the workloads are gone
            }
            byte[] tgz = given().get("/diagnostics/runs/" + id + "/archive").then().statusCode(200).extract().asByteArray();
            Map<String, byte[]> entries = ResultsArchive.read(new ByteArrayInputStream(tgz));
            // laid out as the real Sonobuoy archive is, kind of entry for kind of entry
            assertEquals(Set.of(), ArchiveShape.missingFromSonobuoys(entries.keySet()), files.toString());
            for (Pod p : pods) {
                for (Container c : p.getSpec().getContainers()) {
                    String log = "podlogs/" + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + "/logs/" + c.getName() + ".txt";
                    assertEquals(KubeletStandIn.logLine(p.getMetadata().getName(), c.getName()),
                            new String(entries.getOrDefault(log, new byte[0]), StandardCharsets.UTF_8), log);
                }
            }
            for (PluginDefinition d : defs.values()) {
                SonobuoyItem tree = SonobuoyItem.read(entries.get("plugins/" + d.name() + "/sonobuoy_results.yaml"));
                assertEquals(d.name(), tree.name());
                Map<String, Integer> counts = tree.leafCounts();
                switch (d.resultFormat()) {
                    case JUNIT -> {
                        assertEquals("failed", tree.status(), d.name());
                        assertEquals(counts.get("passed"), counts.get("failed"), d.name() + ": one pass and one failure per result file " + counts);
                    }
                    case RAW -> {
                        assertEquals("passed", tree.status(), d.name());
                        assertEquals(Set.of("passed"), counts.keySet(), d.name());
                    }
                    case MANUAL -> {
                        assertEquals("complete", tree.status(), d.name() + ": the manual tree's own status");
                        assertEquals(counts.get("passed"), counts.get("failed"), d.name() + " " + counts);
                    }
                }
                assertTrue(entries.containsKey("plugins/" + d.name() + "/defintion.json"), d.name());
                int resultSets = counts.values().stream().mapToInt(Integer::intValue).sum() / (d.resultFormat() == ResultFormat.RAW ? 1 : 2);
                assertTrue(resultSets >= 1, d.name() + " has results");
                if (d.driver() == PluginDefinition.Driver.DAEMONSET) {
                    assertEquals("node", tree.items().get(0).meta().get("type"), d.name() + ": one item per node");
                } else {
                    assertTrue(tree.items().get(0).meta().get("file").startsWith("results/global/"), d.name() + ": one item per result file");
                }
            }
        }
    }

    /**
     * Plays each workload's controller and worker: the pod the Job or DaemonSet controller would
     * make on each node it reaches, then one upload per node in the plugin's format, as the real
     * worker does once {@code done} is written.
     */
    private static void uploadAll(KubernetesClient k, String run, Map<String, PluginDefinition> defs, Set<String> uploaded,
                                  List<Pod> pods) throws Exception {
        List<HasMetadata> workloads = new ArrayList<>();
        workloads.addAll(k.batch().v1().jobs().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, run).list().getItems());
        workloads.addAll(k.apps().daemonSets().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, run).list().getItems());
        HttpClient http = HttpClient.newHttpClient();
        for (HasMetadata w : workloads) {
            PluginDefinition d = defs.get(w.getMetadata().getLabels().get(PluginWorkloads.PLUGIN_LABEL));
            PodSpec spec = w instanceof Job j ? j.getSpec().getTemplate().getSpec() : ((DaemonSet) w).getSpec().getTemplate().getSpec();
            Container worker = spec.getContainers().get(spec.getContainers().size() - 1);
            String node = worker.getArgs().get(worker.getArgs().indexOf("--node") + 1);
            String os = w.getMetadata().getLabels().get(PluginWorkloads.OS_LABEL);
            List<String> nodes = node.equals("$(NODE_NAME)")
                    ? k.nodes().withLabel("kubernetes.io/os", os).list().getItems().stream().map(n -> n.getMetadata().getName()).toList()
                    : List.of(node);
            for (String n : nodes) {
                if (!uploaded.add(d.name() + "/" + n)) {
                    continue;
                }
                String nodeName = n.startsWith("global") ? k.nodes().withLabel("kubernetes.io/os", os).list().getItems().get(0).getMetadata().getName() : n;
                pods.add(k.resource(new PodBuilder().withNewMetadata().withName(w.getMetadata().getName() + "-" + n)
                        .withNamespace(w.getMetadata().getNamespace()).withLabels(w.getMetadata().getLabels()).endMetadata()
                        .withSpec(new PodSpecBuilder(spec).withNodeName(nodeName).build()).build()).create());
                String body = switch (d.resultFormat()) {
                    case JUNIT -> JUNIT;
                    case MANUAL -> MANUAL;
                    case RAW -> "raw output of " + d.name() + " on " + n + "\n";
                };
                String file = d.resultFiles().isEmpty() ? "" : "&file=" + URLEncoder.encode(d.resultFiles().get(0), StandardCharsets.UTF_8);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(RunsEndToEndTest.baseUrl() + "/diagnostics/runs/" + run
                        + "/plugins/" + d.name() + "/results?node=" + n + file)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(202, r.statusCode(), d.name() + " on " + n + ": " + r.body());
            }
        }
    }
}
