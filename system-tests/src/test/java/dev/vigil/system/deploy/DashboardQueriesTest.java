package dev.vigil.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.system.RepoPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every query of every provisioned dashboard, and every expression of the default alert rules,
 * parses with Vigil's own PromQL and LogQL parsers once Grafana's template variables are expanded
 * (with one value each, and with the "All" value), and reads only metrics and stream labels that
 * Vigil produces.
 */
class DashboardQueriesTest {
    private static final Path DASHBOARDS = RepoPaths.root().resolve("deploy/grafana/dashboards");
    /** Grafana's own interval variables and one value for each dashboard variable. */
    private static final Map<String, String> ONE_VALUE = Map.of(
            "__rate_interval", "1m", "__interval", "30s", "__auto", "1m", "__range", "1h",
            "os", "windows", "node", "node-1", "namespace", "kube-system", "pod", "web-0", "search", "error");
    /** The same with every multi-value variable on "All", which the dashboards send as the regex .+ . */
    private static final Map<String, String> ALL_VALUES = withAll(ONE_VALUE, "os", "node", "namespace", "pod");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$");

    private static Set<String> producedMetrics;
    private static Set<String> streamLabels;
    private static Map<String, List<DashboardQuery>> queriesByDashboard;

    @BeforeAll
    static void load() throws IOException {
        producedMetrics = resourceLines("/deploy/produced-metrics.txt");
        streamLabels = resourceLines("/deploy/log-stream-labels.txt");
        queriesByDashboard = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString();
                queriesByDashboard.put(name, DashboardQuery.of(name, json.readTree(f.toFile())));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDashboardQueryParsesAndReadsWhatVigilProduces() {
        return queriesByDashboard.values().stream().flatMap(List::stream)
                .map(q -> DynamicTest.dynamicTest(q.where(), () -> check(q)));
    }

    @Test
    void nodesDashboardShowsCpuMemoryFileSystemsAndNetworkPerNodeWithAnOsVariable() throws IOException {
        JsonNode nodes = new ObjectMapper().readTree(DASHBOARDS.resolve("vigil-nodes.json").toFile());
        Set<String> variables = new TreeSet<>();
        nodes.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertTrue(variables.containsAll(List.of("os", "node")), "variables: " + variables);
        Set<String> metrics = metricsOf("vigil-nodes.json");
        assertTrue(metrics.containsAll(List.of("node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes",
                "node_filesystem_avail_bytes", "node_filesystem_size_bytes", "node_network_receive_bytes_total",
                "node_network_transmit_bytes_total")), "nodes dashboard reads " + metrics);
        for (DashboardQuery q : queriesByDashboard.get("vigil-nodes.json")) {
            if (q.kind() == DashboardQuery.Kind.EXPRESSION) {
                assertTrue(q.text().contains("os=~\"$os\""), q.where() + " ignores the os variable: " + q.text());
            }
        }
    }

    @Test
    void containersDashboardShowsCpuAndWorkingSetByContainer() {
        Set<String> metrics = metricsOf("vigil-containers.json");
        assertEquals(Set.of("container_cpu_usage_seconds_total", "container_memory_working_set_bytes"), metrics);
        assertTrue(queriesByDashboard.get("vigil-containers.json").stream()
                .anyMatch(q -> q.text().contains("sum by (namespace, pod, container)")), "no per-container panel");
    }

    @Test
    void logsDashboardHasVolumeByNamespaceAndALogsPanel() {
        List<DashboardQuery> logs = queriesByDashboard.get("vigil-logs.json");
        assertTrue(logs.stream().anyMatch(q -> q.text().startsWith("sum by (namespace) (count_over_time(")), "no volume by namespace");
        assertTrue(logs.stream().anyMatch(q -> q.kind() == DashboardQuery.Kind.EXPRESSION && q.text().startsWith("{")),
                "no log lines query");
    }

    @Test
    void alertsDashboardReadsFiringAlertsAndDiagnosticsRuns() {
        Set<String> urls = queriesByDashboard.get("vigil-alerts-diagnostics.json").stream()
                .filter(q -> q.kind() == DashboardQuery.Kind.URL).map(DashboardQuery::text).collect(Collectors.toSet());
        assertTrue(urls.containsAll(List.of("http://alert-service:9093/api/v2/alerts", "http://diagnostics-service:9104/diagnostics/runs",
                "http://diagnostics-service:9104/diagnostics/inventory")), "URLs: " + urls);
    }

    @Test
    void defaultAlertRulesParseAndReadWhatVigilProduces() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RepoPaths.root().resolve("deploy/k8s/base/alert-service/rules.yml")));
        int rules = 0;
        for (Object g : (List<?>) file.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                String expr = ((Map<?, ?>) r).get("expr").toString();
                Set<String> metrics = QueryNames.metrics(dev.vigil.promql.parser.Parser.parse(expr));
                assertTrue(producedMetrics.containsAll(metrics), expr + " reads metrics Vigil does not produce: " + metrics);
                rules++;
            }
        }
        assertTrue(rules >= 4, "rules found: " + rules);
    }

    private void check(DashboardQuery q) {
        assertFalse(q.text().isBlank(), q.where() + " has an empty query");
        for (Map<String, String> values : List.of(ONE_VALUE, ALL_VALUES)) {
            String text = expand(q, values);
            switch (q.datasourceType()) {
                case "prometheus" -> checkPromql(q, text);
                case "loki" -> checkLogql(q, text);
                case "yesoreyeram-infinity-datasource" -> checkUrl(q, text);
                default -> throw new AssertionError(q.where() + ": unexpected data source type " + q.datasourceType());
            }
        }
    }

    private static void checkPromql(DashboardQuery q, String text) {
        Set<String> metrics;
        if (q.kind() == DashboardQuery.Kind.LABEL_VALUES) {
            Matcher m = LABEL_VALUES.matcher(text);
            assertTrue(m.matches(), q.where() + ": not label_values(selector, label): " + text);
            metrics = QueryNames.metrics(dev.vigil.promql.parser.Parser.parseSelector(m.group(1)));
        } else {
            metrics = QueryNames.metrics(parse(q, text, dev.vigil.promql.parser.Parser::parse));
        }
        assertFalse(metrics.isEmpty(), q.where() + " selects no metric by name: " + text);
        Set<String> unknown = new TreeSet<>(metrics);
        unknown.removeAll(producedMetrics);
        assertTrue(unknown.isEmpty(), q.where() + " reads metrics Vigil does not produce: " + unknown);
    }

    private static void checkLogql(DashboardQuery q, String text) {
        dev.vigil.logql.parser.Expr expr = parse(q, text, dev.vigil.logql.parser.Parser::parse);
        Set<String> labels = QueryNames.streamLabels(expr);
        assertFalse(labels.isEmpty(), q.where() + " has no stream selector: " + text);
        Set<String> unknown = new TreeSet<>(labels);
        unknown.removeAll(streamLabels);
        assertTrue(unknown.isEmpty(), q.where() + " selects streams by labels Vigil does not set: " + unknown);
    }

    private static void checkUrl(DashboardQuery q, String text) {
        URI uri = URI.create(text);
        Map<String, Integer> apis = Map.of("alert-service", 9093, "diagnostics-service", 9104);
        assertTrue(apis.containsKey(uri.getHost()) && apis.get(uri.getHost()) == uri.getPort(), q.where() + " calls " + text);
        assertTrue(uri.getPath().startsWith(uri.getHost().equals("alert-service") ? "/api/v2/" : "/diagnostics/"), q.where() + " calls " + text);
    }

    private static <T> T parse(DashboardQuery q, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new AssertionError(q.where() + ": " + e.getMessage() + "\n  query: " + text, e);
        }
    }

    private static String expand(DashboardQuery q, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(q.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new AssertionError(q.where() + " uses $" + name + ", which the dashboards do not define");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private Set<String> metricsOf(String dashboard) {
        Set<String> out = new TreeSet<>();
        for (DashboardQuery q : queriesByDashboard.get(dashboard)) {
            if (q.datasourceType().equals("prometheus") && q.kind() == DashboardQuery.Kind.EXPRESSION) {
                out.addAll(QueryNames.metrics(dev.vigil.promql.parser.Parser.parse(expand(q, ONE_VALUE))));
            }
        }
        return out;
    }

    private static Map<String, String> withAll(Map<String, String> values, String... multi) {
        Map<String, String> out = new HashMap<>(values);
        for (String v : multi) {
            out.put(v, ".+");
        }
        return Map.copyOf(out);
    }

    private static Set<String> resourceLines(String resource) throws IOException {
        try (InputStream in = DashboardQueriesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
