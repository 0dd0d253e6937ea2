package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton end to end, as the run command runs it: a real broker, the packaged
 * services as processes. A host metric and a tailed log line come out of the query APIs, a rule
 * over the collector's metrics fires to a real HTTP receiver and onto {@code vigil.alerts}, and a
 * LogQL rule over the tailed lines fires to the same receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LINE = "walking skeleton line " + System.nanoTime();

    @TempDir
    static Path dir;
    private TestKafka kafka;
    private WebhookReceiver webhook;
    private Services services;
    private ServiceProcess metrics;
    private ServiceProcess logs;

    @BeforeAll
    void startVigil() throws IOException {
        kafka = TestKafka.start();
        LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
        webhook = new WebhookReceiver();
        Path tailed = dir.resolve("app.log");
        Files.writeString(tailed, LINE + "\n");
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups:
                  - name: skeleton
                    interval: 1s
                    rules:
                      - alert: HostMemoryVisible
                        expr: node_memory_MemAvailable_bytes > 0
                        labels:
                          severity: info
                        annotations:
                          summary: "{{ $labels.node }} reports memory"
                """);
        // A Loki rule file: its expression is also valid PromQL, and is LogQL here, as Loki's ruler reads it
        Path logRules = dir.resolve("log-rules.yml");
        Files.writeString(logRules, """
                groups:
                  - name: skeleton-logs
                    interval: 1s
                    rules:
                      - alert: LogLinesSeen
                        expr: sum by (job) (rate({job="file"}[5m])) > 0
                        annotations:
                          summary: "{{ $labels.job }} logs {{ $value }} lines/s"
                """);
        Path am = dir.resolve("alertmanager.yml");
        Files.writeString(am, """
                route:
                  receiver: hook
                  group_by: ['alertname']
                  group_wait: 0s
                  group_interval: 1s
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: '%s'
                """.formatted(webhook.url()));
        String bootstrap = kafka.bootstrapServers();
        services = new Services(dir, Map.of("kafka.bootstrap.servers", bootstrap));
        int alertPort = ServiceProcess.freePort();
        metrics = services.start("metrics-service", Map.of("vigil.data-dir", dir.resolve("data").toString(),
                "vigil.metrics.rules-url", "http://127.0.0.1:" + alertPort));
        logs = services.start("logs-service", Map.of("vigil.data-dir", dir.resolve("data").toString(),
                "vigil.logs.rules-url", "http://127.0.0.1:" + alertPort));
        services.start("alert-service", Map.of("quarkus.http.port", Integer.toString(alertPort),
                "vigil.alert.query-url", metrics.url(), "vigil.alert.logs-url", logs.url(),
                "vigil.alert.rule-files", rules.toString(), "vigil.alert.logql-rule-files", logRules.toString(),
                "vigil.alert.config-file", am.toString()));
        // a Prometheus scrape configuration: the metrics service's own metrics, relabelled on the way
        Path scrapeConfig = dir.resolve("scrape.yml");
        Files.writeString(scrapeConfig, """
                scrape_configs:
                  - job_name: vigil-metrics
                    scrape_interval: 1s
                    metrics_path: /q/metrics
                    static_configs: [{targets: ['%s'], labels: {tier: storage}}]
                    relabel_configs:
                      - {source_labels: [__meta_vigil_node_name], target_label: node}
                      - {source_labels: [tier], target_label: tier, action: uppercase}
                    metric_relabel_configs:
                      - {source_labels: [__name__], regex: 'jvm_.*', action: keep}
                """.formatted(URI.create(metrics.url()).getAuthority()));
        services.start("collector-service", Map.of("vigil.collector.interval", "1s",
                "vigil.collector.log-files", tailed.toString(), "vigil.collector.pod-log-root", "none",
                "vigil.collector.state-dir", dir.resolve("collector").toString(),
                "vigil.collector.scrape.config-file", scrapeConfig.toString()));
        services.awaitLive(Duration.ofSeconds(120));
    }

    @AfterAll
    void stopVigil() {
        if (services != null) {
            services.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void hostMemoryComesOutOfThePrometheusApi() throws Exception {
        long memTotal = memTotalBytes();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = get(metrics.url() + "/api/v1/query?query=" + enc("node_memory_MemTotal_bytes"));
            JsonNode result = r.path("data").path("result");
            assertEquals(1, result.size(), r.toString());
            assertEquals(memTotal, Long.parseLong(result.get(0).path("value").get(1).asText()));
            assertEquals("linux", result.get(0).path("metric").path("os").asText());
        });
    }

    @Test
    void theCollectorsHelpAndTypeAnswerTheMetadataApi() {
        // node_exporter's own words, published by the collector to vigil.metrics.metadata and read by every metrics-service
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = get(metrics.url() + "/api/v1/metadata?metric=node_memory_MemTotal_bytes");
            JsonNode entry = r.path("data").path("node_memory_MemTotal_bytes").path(0);
            assertEquals("gauge", entry.path("type").asText(), r.toString());
            assertEquals("Memory information field MemTotal_bytes.", entry.path("help").asText());
        });
    }

    @Test
    void aPrometheusScrapeConfigurationIsScrapedWithItsRelabelRules() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = get(metrics.url() + "/api/v1/query?query=" + enc("up{job=\"vigil-metrics\"}"));
            JsonNode up = r.path("data").path("result").path(0);
            assertEquals("1", up.path("value").path(1).asText(), r.toString());
            assertEquals("STORAGE", up.path("metric").path("tier").asText(), "relabel_configs ran");
            assertFalse(up.path("metric").path("node").asText().isEmpty(), "the node's name, from __meta_vigil_node_name");
            JsonNode jvm = get(metrics.url() + "/api/v1/query?query=" + enc("count({job=\"vigil-metrics\",__name__=~\"jvm_.*\"})"));
            assertTrue(jvm.path("data").path("result").path(0).path("value").path(1).asInt() > 0, jvm.toString());
        });
        JsonNode others = get(metrics.url() + "/api/v1/query?query="
                + enc("{job=\"vigil-metrics\",__name__!~\"jvm_.*|up|scrape_.*\"}"));
        assertEquals(0, others.path("data").path("result").size(), "metric_relabel_configs kept only jvm_*: " + others);
    }

    @Test
    void tailedLineComesOutOfTheLokiApi() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = get(logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"file\"}") + "&limit=10");
            assertTrue(r.toString().contains(LINE), r.toString());
        });
    }

    @Test
    void ruleFiresToTheWebhookAndOntoTheAlertsTopic() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode payload = notification("HostMemoryVisible");
            assertEquals("4", payload.path("version").asText());
            assertEquals("firing", payload.path("status").asText());
        });
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "skeleton-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("HostMemoryVisible") && r.value().contains("\"version\":\"4\"")) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    /** The one CLI jar, as a user runs it: {@code vigil query} and {@code vigil logs} against the packaged services. */
    @Test
    void theVigilCommandQueriesMetricsAndLogs() throws Exception {
        Path jar = RepoPaths.root().resolve("cli/target/vigil-cli.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the cli module");
        long memTotal = memTotalBytes();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String[] out = runJar(jar, "query", "instant", metrics.url(), "node_memory_MemTotal_bytes");
            assertEquals("0", out[0], out[2]);
            // promtool's form: name{labels} => value @[time]
            assertTrue(out[1].matches("(?s)node_memory_MemTotal_bytes\\{.*os=\"linux\".*} => " + memTotal + " @\\[\\d+(\\.\\d+)?]\n"), out[1]);
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String[] out = runJar(jar, "logs", "--addr=" + logs.url(), "-q", "-o", "raw", "query", "--since=1h", "{job=\"file\"}");
            assertEquals("0", out[0], out[2]);
            assertTrue(out[1].lines().anyMatch(LINE::equals), out[1]);
        });
        String[] labels = runJar(jar, "logs", "--addr=" + logs.url(), "-q", "labels");
        assertTrue(labels[1].lines().anyMatch("job"::equals), labels[1]);
        String[] bad = runJar(jar, "query", "instant", metrics.url(), "rate(up[5m]");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].startsWith("query error: bad_data: "), bad[2]);
    }

    /** Exit code, stdout and stderr of {@code java -jar jar args}. */
    private static String[] runJar(Path jar, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        // stderr to a file: reading one pipe to its end while the other fills would block both sides
        Path errFile = Files.createTempFile(dir, "vigil-cli", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out, Files.readString(errFile)};
    }

    @Test
    void thePrometheusAndLokiUrlsAnswerTheirRulesAndAlertsAsGrafanaAsksForThem() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode rules = get(metrics.url() + "/api/v1/rules?type=alert");
            assertEquals("success", rules.path("status").asText(), rules.toString());
            assertTrue(rules.toString().contains("\"name\":\"skeleton\"") && rules.toString().contains("HostMemoryVisible"), rules.toString());
            JsonNode alerts = get(metrics.url() + "/api/v1/alerts");
            assertTrue(alerts.toString().contains("HostMemoryVisible") && alerts.toString().contains("\"state\":\"firing\""), alerts.toString());
            assertFalse(rules.toString().contains("skeleton-logs"), "the LogQL groups are the Loki URL's: " + rules);
        });
        // Loki's ruler API, where Grafana's Loki data source reads its data source-managed rules
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode rules = get(logs.url() + "/prometheus/api/v1/rules");
            assertEquals("success", rules.path("status").asText(), rules.toString());
            assertTrue(rules.toString().contains("\"name\":\"skeleton-logs\"") && rules.toString().contains("LogLinesSeen"), rules.toString());
            assertFalse(rules.toString().contains("HostMemoryVisible"), "only LogQL groups: " + rules);
            JsonNode alerts = get(logs.url() + "/prometheus/api/v1/alerts");
            assertTrue(alerts.toString().contains("LogLinesSeen"), alerts.toString());
        });
    }

    @Test
    void logqlRuleFiresFromTheTailedLines() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode payload = notification("LogLinesSeen");
            assertEquals("firing", payload.path("status").asText());
            assertEquals("file", payload.path("commonLabels").path("job").asText());
            assertTrue(payload.path("commonAnnotations").path("summary").asText().startsWith("file logs "), payload.toString());
        });
    }

    /**
     * What Grafana 11/12's Prometheus data source asks, as its source does: the health check is an
     * instant {@code 1+1} over the range 1 s to 4 s (pkg/promlib/healthcheck.go), then buildinfo for
     * its heuristics; the metric and label browsers list labels, metric names, label values and
     * series over the picker's range; the metadata and rules views; Explore's range and instant
     * queries, POSTed as forms (the data source's default HTTP method).
     */
    @Test
    void grafanasPrometheusDataSourceRequestsAreAnswered() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String m = metrics.url();
            long end = System.currentTimeMillis() / 1000;
            long start = end - 3600;
            String range = "start=" + start + "&end=" + end;
            JsonNode health = post(m + "/api/v1/query", "query=" + enc("1+1") + "&time=4");
            assertEquals("scalar", health.path("data").path("resultType").asText(), health.toString());
            assertEquals("2", health.path("data").path("result").get(1).asText());
            assertFalse(get(m + "/api/v1/status/buildinfo").path("data").path("version").asText().isEmpty());
            assertTrue(get(m + "/api/v1/labels?" + range).path("data").toString().contains("\"job\""));
            assertTrue(get(m + "/api/v1/label/__name__/values?" + range).path("data").toString().contains("node_memory_MemTotal_bytes"));
            assertTrue(get(m + "/api/v1/label/instance/values?match[]=" + enc("node_uname_info") + "&" + range).path("data").size() > 0);
            assertTrue(get(m + "/api/v1/series?match[]=" + enc("{__name__=\"node_load1\"}") + "&" + range).path("data").size() > 0);
            assertEquals("success", get(m + "/api/v1/metadata").path("status").asText());
            assertTrue(get(m + "/api/v1/rules").toString().contains("HostMemoryVisible"));
            JsonNode explore = post(m + "/api/v1/query_range", "query=" + enc("rate(node_cpu_seconds_total[1m])") + "&" + range + "&step=15");
            assertEquals("matrix", explore.path("data").path("resultType").asText(), explore.toString());
            assertTrue(explore.path("data").path("result").size() > 0, explore.toString());
            JsonNode instant = post(m + "/api/v1/query", "query=" + enc("node_load1") + "&time=" + end);
            assertTrue(instant.path("data").path("result").size() > 0, instant.toString());
        });
    }

    /**
     * What Grafana's Loki data source and Logs Drilldown ask: the health check is an instant
     * {@code vector(1)+vector(1)} at 4 s that must answer 2 (pkg/tsdb/loki/healthcheck.go); the
     * label browser; Explore's range query; Drilldown's volume, patterns, detected labels and fields.
     */
    @Test
    void grafanasLokiDataSourceAndDrilldownRequestsAreAnswered() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String l = logs.url() + "/loki/api/v1";
            long end = System.currentTimeMillis() * 1_000_000L;
            long start = end - 3_600_000_000_000L;
            String range = "start=" + start + "&end=" + end;
            String selector = enc("{job=\"file\"}");
            JsonNode health = get(l + "/query?query=" + enc("vector(1)+vector(1)") + "&time=4000000000");
            assertEquals("2", health.path("data").path("result").get(0).path("value").get(1).asText(), health.toString());
            assertTrue(get(l + "/labels?" + range).path("data").toString().contains("\"job\""));
            assertTrue(get(l + "/label/job/values?" + range).path("data").toString().contains("\"file\""));
            assertTrue(get(l + "/series?match[]=" + selector + "&" + range).path("data").size() > 0);
            JsonNode explore = get(l + "/query_range?query=" + selector + "&limit=1000&direction=backward&step=15s&" + range);
            assertTrue(explore.toString().contains(LINE), explore.toString());
            JsonNode volume = get(l + "/index/volume?query=" + selector + "&limit=5000&aggregateBy=series&" + range);
            assertTrue(volume.path("data").path("result").size() > 0, volume.toString());
            JsonNode patterns = get(l + "/patterns?query=" + selector + "&step=60s&" + range);
            assertTrue(patterns.path("data").size() > 0, patterns.toString());
            assertTrue(get(l + "/detected_labels?query=" + selector + "&" + range).path("detectedLabels").isArray());
            assertTrue(get(l + "/detected_fields?query=" + selector + "&" + range).path("fields").isArray());
        });
    }

    private static JsonNode post(String url, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The first webhook notification for {@code alertname}. */
    private JsonNode notification(String alertname) throws IOException {
        for (String body : webhook.bodies()) {
            JsonNode payload = JSON.readTree(body);
            if (alertname.equals(payload.path("commonLabels").path("alertname").asText())) {
                return payload;
            }
        }
        throw new AssertionError("no notification for " + alertname + " yet among " + webhook.bodies().size());
    }

    private static long memTotalBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
