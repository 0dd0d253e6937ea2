package dev.vigil.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Topics;
import dev.vigil.system.RepoPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml as Docker Compose reads it (SnakeYAML resolves its anchors and merge keys):
 * Kafka in KRaft mode, every Vigil service built from its Dockerfile and started after the topics
 * exist, and Grafana provisioned from files that exist and parse.
 */
class ComposeFileTest {
    private static final Path ROOT = RepoPaths.root();
    private static Map<String, Object> services;

    @BeforeAll
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = map(compose.get("services"));
    }

    @Test
    void kafkaIsApacheKafka411InKraftMode() {
        Map<String, Object> kafka = service("kafka");
        assertEquals("apache/kafka:4.1.1", kafka.get("image"));
        Map<String, Object> env = map(kafka.get("environment"));
        assertEquals(List.of("broker", "controller"), List.of(env.get("KAFKA_PROCESS_ROLES").toString().split(",")));
        assertTrue(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString().contains("@kafka:"), "KRaft quorum: " + env);
        assertFalse(services.keySet().stream().anyMatch(s -> s.contains("zookeeper")));
    }

    @ParameterizedTest
    @CsvSource({"metrics-service,9090", "logs-service,3100", "alert-service,9093", "diagnostics-service,9104", "collector-service,9101"})
    void everyServiceIsBuiltFromItsDockerfileAndStartsAfterTheTopics(String name, int port) throws IOException {
        Map<String, Object> s = service(name);
        assertTrue(s.get("image").toString().startsWith("vigil/"), name + " image: " + s.get("image"));
        Map<String, Object> build = map(s.get("build"));
        assertEquals(".", build.get("context"), name + " builds from the repository root");
        Path dockerfile = ROOT.resolve(build.get("dockerfile").toString());
        assertTrue(Files.isRegularFile(dockerfile), name + ": no " + dockerfile);
        String text = Files.readString(dockerfile);
        assertTrue(text.contains("-pl " + name + " -am package"), dockerfile + " must package " + name);
        assertTrue(text.contains(name + "/target/quarkus-app/"), dockerfile + " must copy " + name + "'s quarkus-app");
        assertTrue(text.contains("EXPOSE " + port), dockerfile + " must expose " + port);

        assertEquals(List.of("127.0.0.1:" + port + ":" + port), s.get("ports"), name + " is published on the host's loopback only");
        Map<String, Object> env = map(s.get("environment"));
        assertEquals(String.valueOf(port), env.get("QUARKUS_HTTP_PORT"), name);
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"), name + " must listen beyond loopback in a container");
        assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), name);
        assertEquals("service_completed_successfully", map(map(s.get("depends_on")).get("kafka-topics")).get("condition"),
                name + " must wait for the topics");
    }

    @Test
    void everyServiceHasAnImageAndEveryLongRunningOnePublishesAPortAndStartsAfterKafka() {
        assertEquals(List.of("kafka", "kafka-topics", "metrics-service", "logs-service", "alert-service", "diagnostics-service",
                "collector-service", "grafana"), List.copyOf(services.keySet()));
        services.forEach((name, o) -> {
            Map<String, Object> s = map(o);
            assertTrue(s.get("image") instanceof String image && !image.isBlank(), name + " has no image");
            if (!name.equals("kafka-topics")) {
                assertFalse(((List<?>) s.getOrDefault("ports", List.of())).isEmpty(), name + " publishes no port");
            }
            if (!name.equals("kafka")) {
                assertFalse(map(s.get("depends_on")).isEmpty(), name + " depends on nothing");
            }
        });
    }

    @Test
    void topicJobCreatesEveryVigilTopicWithItsCleanupPolicy() throws IOException {
        Map<String, Object> job = service("kafka-topics");
        assertEquals("service_healthy", map(map(job.get("depends_on")).get("kafka")).get("condition"));
        String script = Files.readString(ROOT.resolve("deploy/compose/create-topics.sh"));
        Map<String, String> policies = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^create (\\S+) (\\d+) cleanup\\.policy=(\\w+)").matcher(script);
        while (m.find()) {
            policies.put(m.group(1), m.group(3));
        }
        for (Topics.TopicSpec t : Topics.ALL) {
            assertEquals(t.compacted() ? "compact" : "delete", policies.get(t.name()), "create-topics.sh for " + t.name());
        }
        assertEquals(Topics.ALL.size(), policies.size(), "topics Vigil does not use: " + policies.keySet());
    }

    @Test
    void everyBindMountedFileExists() {
        services.forEach((name, s) -> volumes(map(s)).stream().filter(v -> v.startsWith("./")).forEach(v -> {
            Path host = ROOT.resolve(v.substring(0, v.indexOf(':')));
            assertTrue(Files.exists(host), name + " mounts " + host + ", which does not exist");
        }));
    }

    @Test
    void grafanaDataSourcesPointAtVigilServices() throws IOException {
        Map<String, Object> datasources = new Yaml().load(Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/vigil.yaml")));
        Map<String, String> urlByType = new HashMap<>();
        for (Object o : (List<?>) datasources.get("datasources")) {
            Map<String, Object> ds = map(o);
            Optional.ofNullable(ds.get("url")).ifPresent(url -> urlByType.put(ds.get("type").toString(), url.toString()));
            // every data source sends Vigil's API token, which Kubernetes requires (docs/deploy.md)
            assertEquals("Authorization", map(ds.get("jsonData")).get("httpHeaderName1"), ds.get("name") + "");
            assertEquals("Bearer $__env{VIGIL_GRAFANA_TOKEN}", map(ds.get("secureJsonData")).get("httpHeaderValue1"), ds.get("name") + "");
        }
        assertEquals("http://metrics-service:9090", urlByType.get("prometheus"));
        assertEquals("http://logs-service:3100", urlByType.get("loki"));
        assertEquals("http://alert-service:9093", urlByType.get("alertmanager"));
        for (String url : urlByType.values()) {
            String host = url.replaceFirst("^http://", "").replaceFirst(":.*", "");
            String port = url.replaceFirst(".*:", "");
            assertTrue(services.containsKey(host), url + " names no compose service");
            assertEquals(port, map(service(host).get("environment")).get("QUARKUS_HTTP_PORT"), url);
        }
    }

    @Test
    void grafanaLoadsTheDashboardsFromWhereTheProviderLooks() throws IOException {
        Map<String, Object> grafana = service("grafana");
        Map<String, Object> provider = new Yaml().load(Files.readString(ROOT.resolve("deploy/grafana/provisioning/dashboards/vigil.yaml")));
        String providerPath = map(map(((List<?>) provider.get("providers")).get(0)).get("options")).get("path").toString();
        String mount = volumes(grafana).stream().filter(v -> v.startsWith("./deploy/grafana/dashboards:")).findFirst()
                .orElseThrow(() -> new AssertionError("grafana does not mount the dashboards"));
        assertEquals(providerPath, mount.split(":")[1]);
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            List<Path> dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(4, dashboards.size(), "dashboards: " + dashboards);
            for (Path d : dashboards) {
                JsonNode dashboard = json.readTree(d.toFile());
                assertFalse(dashboard.path("uid").asText().isEmpty(), d + " has no uid");
                assertTrue(dashboard.path("panels").size() > 0, d + " has no panels");
            }
        }
        assertTrue(map(grafana.get("environment")).get("GF_PLUGINS_PREINSTALL").toString().contains("yesoreyeram-infinity-datasource"),
                "the alerts dashboard needs the Infinity data source");
    }

    private static Map<String, Object> service(String name) {
        assertTrue(services.containsKey(name), "docker-compose.yml has no service " + name + "; has " + services.keySet());
        return map(services.get(name));
    }

    private static List<String> volumes(Map<String, Object> service) {
        return Optional.ofNullable((List<?>) service.get("volumes")).orElse(List.of()).stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return Optional.ofNullable((Map<String, Object>) o).orElse(Map.of());
    }
}
