package dev.vigil.diagnostics.cli;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.vigil.diagnostics.MockClusterResource;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.runs.FakeCollectors;
import dev.vigil.diagnostics.runs.FakePluginWorkers;
import dev.vigil.diagnostics.runs.RunsEndToEndTest;
import dev.vigil.kafka.KafkaTestResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI driven through its main entry point against the running test service (mock cluster in CRUD mode, real Kafka). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MockClusterResource.class)
class VigilDiagTest {

    /** Output and exit code of one CLI call. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VigilDiag.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runWaitDownloadsTheArchiveAndSummarisesItAndResultsReadsItAgain(@TempDir Path dir) throws Exception {
        Path plugin = dir.resolve("smoke.yaml");
        Files.writeString(plugin, dev.vigil.diagnostics.PluginFixtures.SMOKE_PLUGIN);
        Path outDir = dir.resolve("out");
        try (FakeCollectors c = new FakeCollectors(RunsEndToEndTest.bootstrap());
             FakePluginWorkers w = new FakePluginWorkers("smoke", RunsEndToEndTest.baseUrl())) {
            Outcome run = cli("run", "--wait", "--url", RunsEndToEndTest.baseUrl(), "--plugin", plugin.toString(),
                    "--out", outDir.toString(), "--poll-ms", "200");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("smoke complete 4/4"), run.out());
            assertTrue(run.out().contains("Plugin: smoke\nStatus: failed\nTotal: 12\nPassed: 4\nFailed: 4\nWarning: 0\nSkipped: 4\n"), run.out());
            assertTrue(run.out().contains("[win-2] can pull pause image (failed): pull timed out"), run.out());
            assertTrue(run.out().contains("DaemonSet monitoring/node-agent has no kubernetes.io/os node selector"), run.out());
            assertTrue(run.out().contains("Pod shop/web-win-7c9f"), run.out());
            assertTrue(run.out().contains("Plugin: vigil-node-checks\nStatus: passed\nTotal: 32\n"), run.out());

            Path archive;
            try (Stream<Path> s = Files.list(outDir)) {
                archive = s.filter(p -> p.getFileName().toString().endsWith(".tar.gz")).findFirst().orElseThrow();
            }
            Outcome results = cli("results", archive.toString());
            assertEquals(0, results.code(), results.err());
            String smokeSummary = run.out().substring(run.out().indexOf("Plugin: smoke"), run.out().indexOf("Plugin: vigil-checks"));
            assertTrue(results.out().contains(smokeSummary), results.out());
        }
    }

    @Test
    void workerUploadsTheFileTheDoneFileNamesEvenAsAWindowsPath(@TempDir Path dir) throws Exception {
        String id = given().contentType("application/json")
                .body(Map.of("checks", false, "nodeChecks", false, "inventory", false, "plugins", List.of(dev.vigil.diagnostics.PluginFixtures.SLOW_JOB_PLUGIN)))
                .post("/diagnostics/runs").then().statusCode(201).extract().path("id");
        try (KubernetesClient k = MockClusterResource.client()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !k.batch().v1().jobs().inAnyNamespace().withLabel(PluginWorkloads.RUN_LABEL, id).list().getItems().isEmpty());
        }
        Files.writeString(dir.resolve("report.xml"), FakePluginWorkers.JUNIT);
        Files.writeString(dir.resolve("done"), "C:\\tmp\\sonobuoy\\results\\report.xml\r\n");
        Outcome worker = cli("worker", "--url", RunsEndToEndTest.baseUrl(), "--run", id, "--plugin", "slow", "--node", "global",
                "--results-dir", dir.toString(), "--timeout", "5");
        assertEquals(0, worker.code(), worker.err());
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETE".equals(given().get("/diagnostics/runs/" + id).path("status")));
        given().get("/diagnostics/runs/" + id + "/results").then()
                .body("plugins.find { it.name == 'slow' }.counts.failed", org.hamcrest.Matchers.is(1))
                .body("plugins.find { it.name == 'slow' }.nodes[0].node", org.hamcrest.Matchers.is("global"));

        // retrieve onto a Windows file system: the archive lands under C:\, its entries keep '/', and results reads it there
        try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
            Path target = windows.getPath("C:\\Users\\ops\\sonobuoy");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            assertEquals(0, new RunCommand(new ServiceClient(RunsEndToEndTest.baseUrl()), new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .retrieve(id, target));
            Path archive = target.resolve("vigil-diagnostics-" + id + ".tar.gz");
            assertEquals("C:\\Users\\ops\\sonobuoy\\vigil-diagnostics-" + id + ".tar.gz", printed.toString(StandardCharsets.UTF_8).strip());
            Map<String, byte[]> entries;
            try (InputStream in = Files.newInputStream(archive)) {
                entries = ResultsArchive.read(in);
            }
            entries.keySet().forEach(name -> assertFalse(name.contains("\\"), name));
            assertTrue(entries.containsKey("plugins/slow/sonobuoy_results.yaml"), entries.keySet().toString());
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            assertEquals(0, ResultsSummary.print(archive, new PrintStream(summary, true, StandardCharsets.UTF_8)));
            assertTrue(summary.toString(StandardCharsets.UTF_8).contains("Plugin: slow\nStatus: failed\n"), summary.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void workerServesSonobuoysProgressApiAndStatusShowsEachNodesProgress(@TempDir Path dir) throws Exception {
        String id = given().contentType("application/json")
                .body(Map.of("checks", false, "nodeChecks", false, "inventory", false, "plugins", List.of(dev.vigil.diagnostics.PluginFixtures.SLOW_JOB_PLUGIN)))
                .post("/diagnostics/runs").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(given().get("/diagnostics/runs/" + id).path("status")));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        java.util.concurrent.CompletableFuture<Outcome> worker = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                cli("worker", "--url", RunsEndToEndTest.baseUrl(), "--run", id, "--plugin", "slow", "--node", "global",
                        "--results-dir", dir.toString(), "--timeout", "60", "--progress-port", Integer.toString(port)));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String progressUrl = "http://localhost:" + port + "/progress";
        // what the e2e image posts while it runs: absolute counts first, then increments
        java.net.http.HttpResponse<String> first = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> post(http, progressUrl,
                "{\"msg\":\"running\",\"total\":10,\"completed\":3,\"failures\":[\"[sig-node] a\"]}"), r -> r != null);
        assertEquals(200, first.statusCode(), first.body());
        java.net.http.HttpResponse<String> second = post(http, progressUrl,
                "{\"msg\":\"still running\",\"appendcompleted\":1,\"appendfailing\":[\"[sig-apps] b\"]}");
        assertEquals(200, second.statusCode(), second.body());
        io.restassured.path.json.JsonPath combined = io.restassured.path.json.JsonPath.from(second.body());
        assertEquals(List.of(10, 4, 2, "slow", "global"), List.of(combined.getInt("total"), combined.getInt("completed"),
                combined.getList("failures").size(), combined.getString("name"), combined.getString("node")));
        given().get("/diagnostics/runs/" + id).then().statusCode(200)
                .body("plugins.find { it.name == 'slow' }.nodes[0].progress.completed", org.hamcrest.Matchers.is(4))
                .body("plugins.find { it.name == 'slow' }.nodes[0].progress.msg", org.hamcrest.Matchers.is("still running"));
        Outcome status = cli("status", id, "--url", RunsEndToEndTest.baseUrl());
        assertTrue(status.out().contains("running   Passed:  4, Failed:  2, Remaining:  4 (still running)"), status.out());
        // what is not a progress update is refused with the service's reason; only POST /progress is served
        java.net.http.HttpResponse<String> bad = post(http, progressUrl, "{\"total\":\"many\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("not a progress update"), bad.body());
        assertEquals(405, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(progressUrl)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());

        Files.writeString(dir.resolve("report.xml"), FakePluginWorkers.JUNIT);
        Files.writeString(dir.resolve("done"), dir.resolve("report.xml").toString());
        Outcome done = worker.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("relaying progress updates from http://localhost:" + port + "/progress"), done.out());
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETE".equals(given().get("/diagnostics/runs/" + id).path("status")));
        // the finished node keeps its last progress, as `sonobuoy status` shows it after the run
        given().get("/diagnostics/runs/" + id).then()
                .body("plugins.find { it.name == 'slow' }.nodes[0].status", org.hamcrest.Matchers.is("COMPLETE"))
                .body("plugins.find { it.name == 'slow' }.nodes[0].progress.completed", org.hamcrest.Matchers.is(4));
    }

    private static java.net.http.HttpResponse<String> post(java.net.http.HttpClient http, String url, String json) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unreachableServiceIsOneLineAndExitCodeTwo() {
        Outcome o = cli("status", "abc", "--url", "http://127.0.0.1:1");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("vigil-diag: cannot reach the diagnostics service at http://127.0.0.1:1"), o.err());
        assertEquals(1, o.err().strip().lines().count());
    }
}
