package dev.vigil.collector.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.collector.scrape.ScrapeResult;
import dev.vigil.collector.scrape.ScrapeTarget;
import dev.vigil.collector.scrape.Scraper;
import dev.vigil.collector.scrape.config.JobTargets;
import dev.vigil.collector.scrape.config.ScrapeConfigException;
import dev.vigil.collector.scrape.config.ScrapeConfigFile;
import dev.vigil.collector.scrape.config.ScrapeJobConfig;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's scrape configuration beside Prometheus 2.42 (Debian's package): the same file,
 * with every relabel action in {@code relabel_configs} and {@code metric_relabel_configs},
 * {@code params}, {@code honor_labels}, is scraped by both from the same local exporter; the
 * targets' labels and the series' label sets must be the same. And rules Prometheus refuses at
 * load ({@code promtool check config}) are refused here with Prometheus's message.
 */
class RelabelCompatTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static Process prometheus;
    private static HttpServer exporter;
    private static String promUrl;
    private static String config;

    private static final String BODY = """
            # TYPE http_requests_total counter
            http_requests_total{code="200",method="GET",path="/api/Users"} 10
            http_requests_total{code="500",method="POST",path="/api/Orders"} 2
            http_requests_total{code="503",method="get",path="/health"} 1
            # TYPE go_goroutines gauge
            go_goroutines 12
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 100
            node_cpu_seconds_total{cpu="1",mode="user"} 50
            pushed{job="batch",instance="pushgateway",exported_job="older"} 1
            """;

    private static String configFor(int exporterPort) {
        String target = "127.0.0.1:" + exporterPort;
        return """
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                  - job_name: static
                    static_configs:
                      - targets: ['svc-a.example:1234', 'svc-b.example', '[fd00::7]:9100']
                        labels: {env: Prod, team: Core-Platform}
                      - targets: ['skip-me.example:1']
                        labels: {env: dev}
                    relabel_configs:
                      - {source_labels: [env], regex: dev, action: drop}
                      - {source_labels: [__address__], regex: '\\[?([^\\]]+?)\\]?(?::\\d+)?', target_label: host_name}
                      - {source_labels: [env], target_label: env_lower, action: lowercase}
                      - {source_labels: [team], target_label: team_upper, action: uppercase}
                      - {source_labels: [__address__], modulus: 7, target_label: shard, action: hashmod}
                      - {source_labels: [shard], regex: '[0-6]', action: keep}
                      - {source_labels: [env, team], separator: '/', regex: '(?P<e>[^/]+)/(.*)', target_label: 'env_${e}', replacement: '$2'}
                      - {action: labelmap, regex: '(env|team)', replacement: 'meta_${1}'}
                      - {action: labeldrop, regex: 'team'}
                      - {source_labels: [host_name], target_label: __tmp_host}
                      - {source_labels: [__tmp_host], target_label: host_name, action: keepequal}
                      - {source_labels: [env], target_label: env_lower, action: dropequal}
                      - {source_labels: [__address__], target_label: discovered_address}
                      - {target_label: __address__, replacement: '%1$s'}
                      - {source_labels: [nothing], target_label: env, replacement: ''}
                    metric_relabel_configs:
                      - {source_labels: [__name__], regex: 'go_.*', action: drop}
                      - {source_labels: [path], regex: '/api/(\\w+)', target_label: resource}
                      - {source_labels: [resource], target_label: resource, action: lowercase}
                      - {source_labels: [code, method], separator: ':', regex: '5..:(.*)', target_label: failed_method}
                      - {action: labeldrop, regex: path}
                      - {source_labels: [__name__], regex: node_cpu_seconds_total, target_label: __name__, replacement: cpu_seconds}
                      - {source_labels: [cpu, mode], modulus: 3, target_label: bucket, action: hashmod}
                      - {action: labelkeep, regex: '__name__|job|instance|code|method|resource|failed_method|cpu|mode|bucket|host_name|env_.*|team_upper|shard|meta_.*|discovered_address|exported_.*'}
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {module: [http_2xx], extra: ['a b*~']}
                    static_configs: [{targets: ['https://example.com/?q=1&r=2', 'http://vigil.dev']}]
                    relabel_configs:
                      - {source_labels: [__address__], target_label: __param_target}
                      - {source_labels: [__param_target], target_label: instance}
                      - {target_label: __address__, replacement: '%1$s'}
                  - job_name: honored
                    honor_labels: true
                    static_configs: [{targets: ['%1$s']}]
                    metric_relabel_configs: [{source_labels: [__name__], regex: pushed, action: keep}]
                  - job_name: never
                    static_configs: [{targets: ['%1$s']}]
                    relabel_configs: [{source_labels: [__address__], regex: nothing, action: keep}]
                """.formatted(target);
    }

    @BeforeAll
    static void start() throws Exception {
        for (Path p : List.of(PROMETHEUS, PROMTOOL)) {
            assertTrue(Files.isExecutable(p), p + " is missing; the compat profile needs it: apt-get install -y prometheus");
        }
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", ex -> answer(ex, BODY));
        // the probe echoes its query, so the two URLs' parameters must decode to the same labels
        exporter.createContext("/probe", ex -> {
            Map<String, String> q = new TreeMap<>();
            for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.merge(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a + "," + b);
            }
            StringBuilder body = new StringBuilder("probe_success{");
            q.forEach((k, v) -> body.append("q_").append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
            answer(ex, body.append("} 1\n").toString());
        });
        exporter.start();
        config = configFor(exporter.getAddress().getPort());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        promUrl = "http://127.0.0.1:" + port;
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode targets = get("/api/v1/targets");
            if (targets != null && allScrapedTwice(targets.path("data").path("activeTargets"))) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "Prometheus did not scrape: " + Files.readString(dir.resolve("prometheus.log")));
            Thread.sleep(250);
        }
    }

    private static boolean allScrapedTwice(JsonNode active) {
        if (active.size() < 6) {
            return false;
        }
        for (JsonNode t : active) {
            if (!"up".equals(t.path("health").asText())) {
                return false;
            }
        }
        return true;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    private static JsonNode get(String path) throws InterruptedException {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(promUrl + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet
        }
    }

    private static List<ScrapeTarget> ourTargets() throws ScrapeConfigException {
        List<ScrapeTarget> out = new ArrayList<>();
        for (ScrapeJobConfig job : ScrapeConfigFile.parse(config, dir).jobs()) {
            JobTargets.Round round = new JobTargets(job, "node-1", "linux").round(List::of);
            out.addAll(round.targets().values());
        }
        return out;
    }

    private static Labels labels(JsonNode map) {
        Labels.Builder b = Labels.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.set(e.getKey(), e.getValue().asText());
        }
        return b.build();
    }

    @Test
    void targetsGetTheLabelsPrometheusGivesThem() throws Exception {
        TreeSet<String> theirs = new TreeSet<>();
        for (JsonNode t : get("/api/v1/targets").path("data").path("activeTargets")) {
            theirs.add(t.path("scrapeUrl").asText() + " " + labels(t.path("labels")));
        }
        TreeSet<String> ours = new TreeSet<>();
        for (ScrapeTarget t : ourTargets()) {
            ours.add(t.url() + " " + t.labels());
        }
        assertEquals(String.join("\n", theirs), String.join("\n", ours));
        assertEquals(6, ours.size(), "three static, two probes, one honoured; the dropped ones are not there");
    }

    @Test
    void scrapedSeriesGetTheLabelsPrometheusGivesThem() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonNode series = get("/api/v1/series?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D&start=" + (now - 300) + "&end=" + (now + 5));
        TreeSet<String> theirs = new TreeSet<>();
        for (JsonNode s : series.path("data")) {
            Labels l = labels(s);
            if (!l.metricName().equals("scrape_series_added")) { // Prometheus's cache statistics, not kept here
                theirs.add(l.toString());
            }
        }
        Scraper scraper = new Scraper(HttpClient.newHttpClient(), Clock.systemUTC());
        TreeSet<String> ours = new TreeSet<>();
        for (ScrapeTarget t : ourTargets()) {
            ScrapeResult r = scraper.scrape(t);
            assertTrue(r.up(), t.url() + ": " + r.error());
            for (MetricSample s : r.samples()) {
                ours.add(s.labels().toString());
            }
        }
        assertEquals(String.join("\n", theirs), String.join("\n", ours));
        assertFalse(ours.stream().anyMatch(s -> s.contains("go_goroutines")), "dropped by metric_relabel_configs");
        for (String expected : List.of("failed_method=\"POST\"", "cpu_seconds{", "resource=\"users\"", "exported_job=\"batch\"",
                "q_target=\"https://example.com/?q=1&r=2\"", "q_extra=\"a b*~\"", "job=\"batch\"", "env_Prod=\"Core-Platform\"",
                "meta_team=\"Core-Platform\"", "host_name=\"fd00::7\"", "scrape_samples_post_metric_relabeling{")) {
            assertTrue(ours.stream().anyMatch(s -> s.contains(expected)), expected + " in " + ours);
        }
        assertEquals(45, ours.size(), "every series of every target, once: " + ours);
    }

    @Test
    void filesPrometheusAcceptsAreAcceptedAndItsRefusalsRefused() throws Exception {
        List<String> files = List.of(
                "global: {scrape_interval: 5s}\nscrape_configs: [{job_name: a, static_configs: [{targets: ['h:1']}]}]\n",
                "scrape_configs: [{job_name: a, scrape_interval: 30s, scrape_timeout: 0s}]\n",
                "scrape_configs: [{job_name: a, metrics_path: metrics, static_configs: [{targets: ['h:1']}]}]\n",
                "scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x/y']}]}]\n",
                "scrape_configs: [{job_name: a, scrape_interval: 5s, scrape_timeout: 6s}]\n",
                "scrape_configs: [{job_name: a}, {job_name: a}]\n",
                "scrape_configs: [{job_name: a, static_configs: [{targets: [x], labels: {a-b: c}}]}]\n",
                "scrape_configs: [{job_name: a, scrape_interval: 300y}]\n");
        for (String yaml : files) {
            String out = promtoolCheck(yaml);
            String ours = collectorCheck(yaml);
            assertEquals(out.contains("SUCCESS"), ours == null, yaml + ": promtool says " + out + ", the collector " + ours);
        }
    }

    @Test
    void rulesPrometheusRefusesAreRefusedWithItsMessage() throws Exception {
        List<String> rules = List.of(
                "{source_labels: [a], action: hashmod, target_label: b}",
                "{source_labels: [a]}",
                "{source_labels: [a], target_label: '1a'}",
                "{source_labels: [a], target_label: b, replacement: x, action: lowercase}",
                "{regex: '(.*)', replacement: '-', action: labelmap}",
                "{source_labels: [a], modulus: 10, target_label: '${1}', action: hashmod}",
                "{source_labels: [a], regex: x, target_label: b, action: keepequal}",
                "{source_labels: [a], regex: x, action: labeldrop}",
                "{source_labels: [a], target_label: b, action: rename}",
                "{source_labels: [a], target_label: b, action: UpperCase}",
                "{source_labels: [a], regex: '(', target_label: b}",
                "{source_labels: [a], target_label: 'x${1}y'}",
                "{action: labelkeep, regex: 'a|b'}",
                "{source_labels: [a], target_label: 'a-b', action: keepequal}",
                "{source_labels: [a], target_label: b, action: dropequal}",
                "{source_labels: [a], modulus: 18446744073709551615, target_label: b, action: hashmod}");
        for (String rule : rules) {
            String yaml = "scrape_configs: [{job_name: j, relabel_configs: [" + rule + "]}]\n";
            String out = promtoolCheck(yaml);
            String ours = collectorCheck(yaml);
            assertEquals(out.contains("SUCCESS"), ours == null, rule + ": promtool says " + out + ", the collector " + ours);
            if (ours != null) {
                String message = ours.substring(ours.indexOf(": ") + 2);
                assertTrue(out.contains(message), rule + ": promtool says " + out + ", the collector " + message);
            }
        }
    }

    /** What {@code promtool check config} prints for the file; "SUCCESS" in it when Prometheus would load it. */
    private static String promtoolCheck(String yaml) throws Exception {
        Path f = dir.resolve("check.yml");
        Files.writeString(f, yaml);
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "config", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(out.contains("SUCCESS"), p.exitValue() == 0, out);
        return out;
    }

    /** The collector's refusal of the file, or null when it loads it. */
    private static String collectorCheck(String yaml) {
        try {
            ScrapeConfigFile.parse(yaml, dir);
            return null;
        } catch (ScrapeConfigException e) {
            return e.getMessage();
        }
    }
}
