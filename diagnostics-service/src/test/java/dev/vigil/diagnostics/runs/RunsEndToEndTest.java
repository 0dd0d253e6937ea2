package dev.vigil.diagnostics.runs;

import dev.vigil.kafka.client.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.KubeletStandIn;
import dev.vigil.diagnostics.MockClusterResource;
import dev.vigil.diagnostics.PluginFixtures;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.ArchiveShape;
import dev.vigil.diagnostics.report.SonobuoyItem;
import dev.vigil.diagnostics.report.SonobuoyResultsTest;
import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.json.Json;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole runs against the fabric8 mock server in CRUD mode (no cluster exists here) and a real
 * Kafka broker, with fake collectors answering node checks and fake plugin workers uploading JUnit.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MockClusterResource.class)
public class RunsEndToEndTest {
    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    static String startRun(String pluginYaml) {
        return given().contentType("application/json").body(Map.of("plugins", List.of(pluginYaml)))
                .post("/diagnostics/runs").then().statusCode(201).extract().path("id");
    }

    @Test
    void aRunReportsChecksNodeChecksAndPluginResultsAndArchivesWithSlashPaths() throws Exception {
        try (FakeCollectors collectors = new FakeCollectors(bootstrap());
             FakePluginWorkers workers = new FakePluginWorkers("smoke", baseUrl())) {
            String id = startRun(PluginFixtures.SMOKE_PLUGIN);
            await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETE".equals(given().get("/diagnostics/runs/" + id).path("status")));

            // the generated DaemonSets: one per OS, explicit OS selector, per-OS image, Windows toleration
            Map<String, DaemonSet> ds = workers.byOs();
            assertEquals(List.of("linux", "windows"), List.copyOf(ds.keySet()));
            PodSpec linux = ds.get("linux").getSpec().getTemplate().getSpec();
            PodSpec windows = ds.get("windows").getSpec().getTemplate().getSpec();
            assertEquals("linux", linux.getNodeSelector().get("kubernetes.io/os"));
            assertEquals("windows", windows.getNodeSelector().get("kubernetes.io/os"));
            assertEquals("registry.example/smoke:1.0", linux.getContainers().get(0).getImage());
            assertEquals("registry.example/smoke:1.0-windows-ltsc2022", windows.getContainers().get(0).getImage());
            assertTrue(linux.getTolerations().isEmpty());
            Toleration tol = windows.getTolerations().get(0);
            assertEquals(List.of("os", "windows", "NoSchedule"), List.of(tol.getKey(), tol.getValue(), tol.getEffect()));
            assertEquals(id, ds.get("windows").getMetadata().getLabels().get(PluginWorkloads.RUN_LABEL));

            // everything the run created is gone once it finished
            try (KubernetesClient k = MockClusterResource.client()) {
                assertTrue(k.apps().daemonSets().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems().isEmpty());
            }

            JsonPath report = given().get("/diagnostics/runs/" + id + "/results").then().statusCode(200).extract().jsonPath();
            String checks = "plugins.find { it.name == 'vigil-checks' }.nodes[0].items";
            assertTrue(report.getString(checks + ".find { it.name == 'workloads-select-os' }.message")
                    .contains("DaemonSet monitoring/node-agent has no kubernetes.io/os node selector and would land on linux (linux-1, linux-2) and windows (win-1, win-2)"));
            assertTrue(report.getString(checks + ".find { it.name == 'image-os-matches-node' }.message").contains("Pod shop/web-win-7c9f"));
            assertTrue(report.getString(checks + ".find { it.name == 'kube-system-pods-healthy' }.message").contains("coredns-5d78c9869d-x2x7q"));
            assertEquals("PASSED", report.getString(checks + ".find { it.name == 'collector-on-every-node' }.status"));
            String nodeChecks = "plugins.find { it.name == 'vigil-node-checks' }.nodes";
            assertEquals(List.of("linux-1", "linux-2", "win-1", "win-2"), report.getList(nodeChecks + ".node"));
            assertEquals(List.of("COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"), report.getList(nodeChecks + ".status"));
            assertEquals("windows", report.getString(nodeChecks + ".find { it.node == 'win-1' }.os"));
            assertEquals("PASSED", report.getString(nodeChecks + ".find { it.node == 'win-1' }.items.find { it.name == 'hostprocess' }.status"));
            assertEquals("SKIPPED", report.getString(nodeChecks + ".find { it.node == 'linux-1' }.items.find { it.name == 'hostprocess' }.status"));
            String smoke = "plugins.find { it.name == 'smoke' }";
            assertEquals(Map.of("passed", 4, "failed", 4, "skipped", 4, "warning", 0), report.getMap(smoke + ".counts"));
            assertEquals("FAILED", report.getString(smoke + ".nodes.find { it.node == 'win-2' }.items.find { it.name == 'can pull pause image' }.status"));

            given().get("/diagnostics/runs/" + id).then().statusCode(200)
                    .body("plugins.find { it.name == 'smoke' }.progress", is("4/4"))
                    .body("plugins.find { it.name == 'vigil-node-checks' }.progress", is("4/4"));
            given().get("/diagnostics/runs/" + id + "/results/junit").then().statusCode(200)
                    .body(containsString("<testsuite name=\"smoke/win-1\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">"));

            byte[] tgz = given().get("/diagnostics/runs/" + id + "/archive").then().statusCode(200).extract().asByteArray();
            Map<String, byte[]> entries = ResultsArchive.read(new ByteArrayInputStream(tgz));
            entries.keySet().forEach(name -> assertFalse(name.contains("\\"), name));
            for (String expected : List.of("resources/cluster/core_v1_nodes.json", "resources/ns/shop/core_v1_pods.json",
                    "resources/ns/monitoring/apps_v1_daemonsets.json", "plugins/smoke/results/win-1/junit.xml",
                    "plugins/vigil-node-checks/results/win-2/junit.xml", "plugins/vigil-checks/results/global/junit.xml",
                    "meta/run.log", "meta/config.json")) {
                assertTrue(entries.containsKey(expected), expected + " in " + entries.keySet());
            }
            // Sonobuoy's layout, checked against a real Sonobuoy archive: every kind of entry it has is
            // there under the same name, but for the kinds of objects Vigil does not read
            assertEquals(Set.of(), ArchiveShape.missingFromSonobuoys(entries.keySet()));
            Set<String> sonobuoy = ArchiveShape.of(SonobuoyResultsTest.realArchive().keySet());
            assertTrue(sonobuoy.contains("plugins/*/defintion.json") && sonobuoy.contains("resources/ns/*/core_v1_pods.json"),
                    "the comparison sees Sonobuoy's names: " + sonobuoy);
            // hosts/: each node's kubelet configuration and health through the node proxy (on in the test profile)
            for (String node : List.of("linux-1", "linux-2", "win-1", "win-2")) {
                assertEquals("{\"status\":200}", new String(entries.get("hosts/" + node + "/healthz.json"), StandardCharsets.UTF_8)
                        .replaceAll("\\s", ""));
                assertEquals("Webhook", Json.MAPPER.readTree(entries.get("hosts/" + node + "/configz.json"))
                        .path("kubeletconfig").path("authorization").path("mode").asText());
            }
            // podlogs/: the plugin pods' logs, every container, as Sonobuoy keeps its own pods'
            String ns = workers.seen.get(0).getMetadata().getNamespace();
            for (String node : List.of("linux-1", "win-2")) {
                String pod = workers.seen.stream().filter(d -> d.getSpec().getTemplate().getSpec().getNodeSelector()
                        .get(PluginWorkloads.OS_SELECTOR).equals(node.startsWith("win") ? "windows" : "linux")).findFirst().orElseThrow()
                        .getMetadata().getName() + "-" + node;
                for (String container : List.of("smoke", "vigil-worker")) {
                    assertEquals(KubeletStandIn.logLine(pod, container), new String(entries.get("podlogs/" + ns + "/" + pod + "/logs/"
                            + container + ".txt"), StandardCharsets.UTF_8), pod + "/" + container + " in " + entries.keySet());
                }
            }
            // meta/query-time.json: how long each query took, in Go's duration notation as Sonobuoy writes it
            JsonNode times = Json.MAPPER.readTree(entries.get("meta/query-time.json"));
            List<String> queried = new java.util.ArrayList<>();
            times.forEach(t -> {
                queried.add(t.path("queryobj").asText());
                assertTrue(t.path("time").asText().matches("[0-9.]+(ns|µs|ms|s)|[0-9]+m[0-9.]+s"), t.toString());
            });
            assertTrue(queried.containsAll(List.of("serverversion", "servergroups", "nodes", "namespaces", "pods")), queried.toString());
            JsonPath version = JsonPath.from(new String(entries.get("serverversion.json"), StandardCharsets.UTF_8));
            assertTrue(version.getMap("").keySet().containsAll(List.of("major", "minor", "gitVersion")), version.prettify());
            assertEquals(Map.of("major", "1", "minor", "29", "gitVersion", "v1.29.4"), RunLayout.serverVersion("v1.29.4"));
            assertTrue(Json.MAPPER.readTree(entries.get("resources/ns/shop/core_v1_pods.json")).get(0).path("kind").asText().equals("Pod"),
                    "resource files are arrays of whole objects, as Sonobuoy writes them");
            assertEquals("APIGroupList", Json.MAPPER.readTree(entries.get("servergroups.json")).path("kind").asText());
            assertEquals("smoke", Json.MAPPER.readTree(entries.get("plugins/smoke/defintion.json"))
                    .path("Definition").path("sonobuoy-config").path("plugin-name").asText());
            // what `sonobuoy results` reads: each plugin's tree, made by Sonobuoy's rules from its files
            SonobuoyItem smokeTree = SonobuoyItem.read(entries.get("plugins/smoke/sonobuoy_results.yaml"));
            assertEquals("failed", smokeTree.status());
            assertEquals(Map.of("passed", 4, "failed", 4, "skipped", 4), smokeTree.leafCounts());
            assertEquals("node", smokeTree.items().get(0).meta().get("type"));
            SonobuoyItem checksTree = SonobuoyItem.read(entries.get("plugins/vigil-checks/sonobuoy_results.yaml"));
            assertEquals("file", checksTree.items().get(0).meta().get("type"), "a run-once plugin lists its files, not nodes");
            assertTrue(entries.containsKey("plugins/vigil-node-checks/sonobuoy_results.yaml"));
            List<String> listed = new java.util.ArrayList<>();
            Json.MAPPER.readTree(entries.get("meta/info.json")).path("plugins").forEach(p -> listed.add(p.asText()));
            assertTrue(listed.containsAll(List.of("smoke", "vigil-checks", "vigil-node-checks")), listed.toString());

            // the compacted runs topic holds the finished run, as a restarted service would restore it
            try (KafkaRunStore store = new KafkaRunStore(KafkaClientConfig.of(bootstrap()))) {
                RunState restored = store.loadAll().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
                assertEquals(RunStatus.COMPLETE, restored.status());
                assertEquals(given().get("/diagnostics/runs/" + id + "/results").asString(), Json.MAPPER.writeValueAsString(RunReport.of(restored)));
            }
        }
    }

    @Test
    void cancellingARunDeletesItsJobAndForgetsIt() {
        String id = startRun(PluginFixtures.SLOW_JOB_PLUGIN);
        try (KubernetesClient k = MockClusterResource.client()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !k.batch().v1().jobs().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems().isEmpty());
            var job = k.batch().v1().jobs().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems().get(0);
            assertEquals("linux", job.getSpec().getTemplate().getSpec().getNodeSelector().get("kubernetes.io/os"));
            given().delete("/diagnostics/runs/" + id).then().statusCode(204);
            assertTrue(k.batch().v1().jobs().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems().isEmpty());
        }
        given().get("/diagnostics/runs/" + id).then().statusCode(404).body("error", is("no run " + id));
    }

    @Test
    void anInvalidPluginDefinitionIsRefusedWithTheReason() {
        given().contentType("application/json").body(Map.of("plugins", List.of("sonobuoy-config: {driver: Pod, plugin-name: x}\nspec: {image: a}")))
                .post("/diagnostics/runs").then().statusCode(400)
                .body("error", is("plugin x: sonobuoy-config.driver must be Job or DaemonSet"));
    }

    @Test
    void uploadsForAnUnknownRunAreNotFound() {
        given().body("<testsuites/>").post("/diagnostics/runs/nope/plugins/smoke/results?node=linux-1").then().statusCode(404);
    }
}
