package dev.vigil.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.system.ServiceProcess;
import dev.vigil.system.Services;
import dev.vigil.system.bench.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profile compat, on this machine: the Debian node_exporter scraped by Prometheus 2.42 every
 * second, and beside it the packaged collector publishing its host metrics through Kafka into the
 * packaged metrics-service. Every query of Grafana's "Node Exporter Full" dashboard (its queries
 * are extracted in {@code dashboards/node-exporter-full.queries.json}, source and commit named
 * there) is asked of both once each side's own dashboard variables are resolved by the
 * dashboard's variable queries. Of the queries node_exporter's data answers, the collector's must
 * answer at least 95 %.
 */
class NodeExporterFullCompatTest {
    static final double REQUIRED = 0.95;
    /** Grafana's built-in variables, for a 1 s scrape interval and a short panel. */
    static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "5m",
            "__range_s", "300", "__interval_ms", "15000", "__auto", "1m");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((?:(.*),\\s*)?(\\w+)\\)$");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theCollectorAnswersWhatNodeExporterAnswers() throws Exception {
        JsonNode dashboard;
        try (InputStream in = getClass().getResourceAsStream("/dashboards/node-exporter-full.queries.json")) {
            dashboard = json.readTree(in);
        }
        Path nodeExporter = Path.of("/usr/bin/prometheus-node-exporter");
        Path prometheus = Path.of("/usr/bin/prometheus");
        assertTrue(Files.isExecutable(nodeExporter) && Files.isExecutable(prometheus),
                "apt-get install -y prometheus prometheus-node-exporter");
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            try (Services services = new Services(dir, Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()))) {
                ServiceProcess metrics = services.start("metrics-service", Map.of("vigil.data-dir", dir.resolve("data").toString()));
                services.start("collector-service", Map.of("vigil.collector.interval", "1s",
                        "vigil.collector.pod-log-root", "none", "vigil.collector.node-logs.enabled", "false",
                        "vigil.collector.state-dir", dir.resolve("collector").toString()));
                services.awaitLive(Duration.ofSeconds(120));
                int nodePort = ServiceProcess.freePort();
                int promPort = ServiceProcess.freePort();
                Path config = dir.resolve("prometheus.yml");
                Files.writeString(config, """
                        global:
                          scrape_interval: 1s
                        scrape_configs:
                          - job_name: node
                            static_configs:
                              - targets: ['127.0.0.1:%d']
                        """.formatted(nodePort));
                try (ChildProcess ne = ChildProcess.startHttp("node_exporter", List.of(nodeExporter.toString(),
                                "--web.listen-address=127.0.0.1:" + nodePort), dir.resolve("node_exporter.log"),
                        "http://127.0.0.1:" + nodePort + "/metrics", Duration.ofSeconds(30));
                     ChildProcess prom = ChildProcess.startHttp("prometheus", List.of(prometheus.toString(),
                                     "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("prometheus"),
                                     "--web.listen-address=127.0.0.1:" + promPort), dir.resolve("prometheus.log"),
                             "http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(60))) {
                    // enough samples for the dashboard's rate windows on both sides
                    Thread.sleep(Duration.ofSeconds(40).toMillis());
                    compare(dashboard, "http://127.0.0.1:" + promPort, metrics.url());
                }
            }
        }
    }

    private void compare(JsonNode dashboard, String reference, String vigil) throws Exception {
        Map<String, String> refVars = resolve(dashboard, reference);
        Map<String, String> vigilVars = resolve(dashboard, vigil);
        for (JsonNode v : dashboard.get("variables")) {
            String name = v.get("name").asText();
            if (v.get("type").asText().equals("query")) {
                assertFalse(vigilVars.get(name).isEmpty(), "variable $" + name + " finds nothing in Vigil: " + v.get("query"));
            }
        }
        long time = System.currentTimeMillis() / 1000 - 5;
        int answeredByReference = 0;
        List<String> unanswered = new ArrayList<>();
        for (JsonNode q : dashboard.get("queries")) {
            String expr = q.get("expr").asText();
            if (!answers(reference, expand(expr, refVars), time)) {
                continue;
            }
            answeredByReference++;
            if (!answers(vigil, expand(expr, vigilVars), time)) {
                unanswered.add(q.get("panel").asText() + " / " + q.get("refId").asText() + ": " + expr);
            }
        }
        double share = 1 - (double) unanswered.size() / answeredByReference;
        System.out.printf("Node Exporter Full: node_exporter answers %d of %d queries, the collector %d of those (%.1f %%)%n",
                answeredByReference, dashboard.get("queries").size(), answeredByReference - unanswered.size(), share * 100);
        unanswered.forEach(u -> System.out.println("  not answered: " + u));
        assertTrue(answeredByReference > 100, "node_exporter answers only " + answeredByReference);
        assertTrue(share >= REQUIRED, String.format("the collector answers %.1f %% of %d; not answered:%n%s", share * 100,
                answeredByReference, String.join("\n", unanswered)));
    }

    /** Each variable's first value on one side, by the dashboard's own variable queries, in order (later ones use earlier). */
    private Map<String, String> resolve(JsonNode dashboard, String base) throws Exception {
        Map<String, String> vars = new LinkedHashMap<>(BUILT_IN);
        for (JsonNode v : dashboard.get("variables")) {
            String name = v.get("name").asText();
            String query = v.path("query").isTextual() ? v.get("query").asText() : "";
            switch (v.get("type").asText()) {
                case "query" -> {
                    Matcher m = LABEL_VALUES.matcher(expand(query, vars).strip());
                    assertTrue(m.matches(), "variable $" + name + " is not label_values(): " + query);
                    TreeSet<String> values = labelValues(base, m.group(1), m.group(2));
                    String regex = v.path("regex").isTextual() ? v.get("regex").asText() : "";
                    TreeSet<String> kept = new TreeSet<>();
                    for (String value : values) {
                        String k = applyRegex(regex, value);
                        if (k != null) {
                            kept.add(k);
                        }
                    }
                    vars.put(name, kept.isEmpty() ? "" : kept.first());
                }
                case "custom", "constant", "textbox" -> vars.put(name, query.split(",")[0].strip());
                case "interval" -> vars.put(name, query.split(",")[0].strip());
                default -> vars.put(name, "");
            }
        }
        return vars;
    }

    /** Grafana's variable regex: /…/, the first capture group if there is one; null when it does not match. */
    static String applyRegex(String regex, String value) {
        if (regex.isEmpty()) {
            return value;
        }
        String body = regex.startsWith("/") ? regex.substring(1, regex.lastIndexOf('/')) : regex;
        Matcher m = Pattern.compile(body).matcher(value);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() > 0 && m.group(1) != null ? m.group(1) : value;
    }

    static String expand(String expr, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = vars.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private TreeSet<String> labelValues(String base, String selector, String label) throws Exception {
        TreeSet<String> values = new TreeSet<>();
        if (selector == null) {
            for (JsonNode v : get(base + "/api/v1/label/" + label + "/values").get("data")) {
                values.add(v.asText());
            }
            return values;
        }
        for (JsonNode s : get(base + "/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)).get("data")) {
            if (s.has(label)) {
                values.add(s.get(label).asText());
            }
        }
        return values;
    }

    private boolean answers(String base, String expr, long time) throws Exception {
        JsonNode r = get(base + "/api/v1/query?time=" + time + "&query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        if (!"success".equals(r.path("status").asText())) {
            return false;
        }
        JsonNode result = r.path("data").path("result");
        return result.isArray() ? !result.isEmpty() : !result.isMissingNode();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
