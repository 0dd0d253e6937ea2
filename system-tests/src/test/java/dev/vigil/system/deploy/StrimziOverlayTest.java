package dev.vigil.system.deploy;

import dev.vigil.model.Topics;
import dev.vigil.system.RepoPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Strimzi overlay: a KRaft Kafka with a node pool, a KafkaTopic for every Vigil topic, and a
 * KafkaUser with topic ACLs for every workload, logging in over TLS.
 */
class StrimziOverlayTest {
    private static Manifests strimzi;

    @BeforeAll
    static void render() {
        strimzi = Kustomize.render("strimzi");
    }

    @Test
    void everyVigilTopicIsAKafkaTopicWithItsCleanupPolicy() {
        Map<String, GenericKubernetesResource> byTopic = strimzi.custom("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> spec(t).get("topicName").toString(), Function.identity()));
        for (Topics.TopicSpec topic : Topics.ALL) {
            GenericKubernetesResource t = byTopic.get(topic.name());
            assertTrue(t != null, "no KafkaTopic for " + topic.name() + "; found " + byTopic.keySet());
            Map<String, Object> config = map(spec(t).get("config"));
            assertEquals(topic.compacted() ? "compact" : "delete", config.get("cleanup.policy"), topic.name());
            assertTrue(((Number) spec(t).get("partitions")).intValue() >= 1, topic.name() + " partitions");
            assertTrue(((Number) spec(t).get("replicas")).intValue() >= 1, topic.name() + " replicas");
            if (!topic.compacted()) {
                assertTrue(Long.parseLong(config.get("retention.ms").toString()) > 0, topic.name() + " has no retention");
            }
            assertEquals("vigil-kafka", t.getMetadata().getLabels().get("strimzi.io/cluster"), topic.name());
        }
        assertEquals(Topics.ALL.size(), byTopic.size(), "topics that Vigil does not use: " + byTopic.keySet());
    }

    /**
     * A partition that moves is rebuilt from its topic, so the metrics and logs topics must keep
     * at least what the stores keep (their default retention, from the services' configuration).
     */
    @ParameterizedTest
    @CsvSource({"vigil.metrics, metrics-service, vigil.metrics.storage.retention", "vigil.logs, logs-service, vigil.logs.retention"})
    void theInputTopicsOutliveTheStoresTheyRebuild(String topic, String service, String key) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RepoPaths.root().resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        String store = p.getProperty(key);
        assertTrue(store != null && store.matches("\\d+d"), key + " = " + store);
        long storeMs = Duration.ofDays(Long.parseLong(store.substring(0, store.length() - 1))).toMillis();
        GenericKubernetesResource t = strimzi.custom("KafkaTopic").stream()
                .filter(k -> topic.equals(spec(k).get("topicName"))).findFirst().orElseThrow();
        long topicMs = Long.parseLong(map(spec(t).get("config")).get("retention.ms").toString());
        assertTrue(topicMs > storeMs, topic + " keeps " + Duration.ofMillis(topicMs) + ", less than the store's " + store);
    }

    @Test
    void kafkaRunsInKraftModeOnANodePool() {
        GenericKubernetesResource kafka = only("Kafka");
        assertEquals("vigil-kafka", kafka.getMetadata().getName());
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertEquals("4.1.1", map(spec(kafka).get("kafka")).get("version").toString());
        GenericKubernetesResource pool = only("KafkaNodePool");
        assertEquals("vigil-kafka", pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals(List.of("controller", "broker"), spec(pool).get("roles"));
    }

    @Test
    void strimziPodsAreKeptOnLinuxNodes() {
        assertLinuxOnly("KafkaNodePool", map(map(spec(only("KafkaNodePool")).get("template")).get("pod")));
        assertLinuxOnly("Kafka brokers", map(map(map(spec(only("Kafka")).get("kafka")).get("template")).get("pod")));
        assertLinuxOnly("entity operator", map(map(map(spec(only("Kafka")).get("entityOperator")).get("template")).get("pod")));
    }

    @Test
    void servicesAndCollectorsBootstrapFromTheStrimziServiceByItsNamespacedName() {
        GenericKubernetesResource cluster = only("Kafka");
        String service = cluster.getMetadata().getName() + "-kafka-bootstrap." + cluster.getMetadata().getNamespace() + ".svc:9093";
        List<ConfigMap> kafka = strimzi.ofType(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("vigil-kafka")).toList();
        assertEquals(2, kafka.size(), "one for the services, one for the collectors: " + kafka);
        for (ConfigMap c : kafka) {
            assertEquals(service, c.getData().get("KAFKA_BOOTSTRAP_SERVERS"), "in " + c.getMetadata().getNamespace());
        }
    }

    /**
     * Strimzi writes the NetworkPolicy of its listeners from their networkPolicyPeers (none: every
     * client). The collectors connect from the host network, so from their nodes' addresses: peers,
     * if any, must include an ipBlock, or the collectors cannot deliver.
     */
    @Test
    void theListenerVigilBootstrapsFromAdmitsTheCollectorsOnTheHostNetwork() {
        ConfigMap kafka = strimzi.ofType(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("vigil-kafka")).findFirst().orElseThrow();
        String bootstrap = kafka.getData().get("KAFKA_BOOTSTRAP_SERVERS");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) map(spec(only("Kafka")).get("kafka")).get("listeners");
        Map<String, Object> listener = listeners.stream().filter(l -> ((Number) l.get("port")).intValue() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no listener on " + port + ": " + listeners));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> peers = (List<Map<String, Object>>) listener.getOrDefault("networkPolicyPeers", List.of());
        assertTrue(peers.isEmpty() || peers.stream().anyMatch(p -> p.containsKey("ipBlock")),
                "listener " + listener.get("name") + " admits only " + peers + ", which no host-network collector matches");
    }

    /**
     * Nothing reaches the topics unencrypted or anonymously: the only client listener is TLS with
     * SCRAM-SHA-512, authorization is on, and every Vigil workload logs in as a KafkaUser of its own
     * whose password comes from that user's Secret (never a ConfigMap) and trusts the cluster CA.
     */
    @Test
    void everyWorkloadLogsInOverTlsAsItsOwnKafkaUser() {
        Map<String, Object> kafka = map(spec(only("Kafka")).get("kafka"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) kafka.get("listeners");
        for (Map<String, Object> l : listeners) {
            assertEquals(true, l.get("tls"), "listener " + l.get("name") + " is not TLS");
            assertEquals("scram-sha-512", map(l.get("authentication")).get("type"), "listener " + l.get("name"));
        }
        assertEquals("simple", map(kafka.get("authorization")).get("type"));
        ConfigMap settings = strimzi.ofType(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("vigil-kafka")).findFirst().orElseThrow();
        assertEquals("SASL_SSL", settings.getData().get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("SCRAM-SHA-512", settings.getData().get("KAFKA_SASL_MECHANISM"));
        List<String> users = strimzi.custom("KafkaUser").stream().map(u -> u.getMetadata().getName()).toList();
        Map<String, String> userOf = new TreeMap<>();
        strimzi.podSpecs().forEach((workload, pod) -> {
            if (workload.contains("grafana")) {
                return; // Grafana talks to the services, not to Kafka
            }
            Map<String, EnvVar> env = pod.getContainers().get(0).getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, Function.identity(), (a, b) -> b));
            var jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            assertTrue(jaas != null && jaas.getValueFrom() != null && jaas.getValueFrom().getSecretKeyRef() != null,
                    workload + " takes no SCRAM login from a Secret");
            String user = jaas.getValueFrom().getSecretKeyRef().getName();
            assertTrue(users.contains(user), workload + " logs in as " + user + ", which is no KafkaUser: " + users);
            assertEquals("vigil-kafka-cluster-ca-cert", env.get("KAFKA_SSL_TRUSTSTORE_CERTIFICATES").getValueFrom().getSecretKeyRef().getName());
            userOf.put(workload, user);
        });
        assertEquals(userOf.size() - 1, new HashSet<>(userOf.values()).size(),
                "one user per workload (both collector DaemonSets share one): " + userOf);
    }

    /** Each KafkaUser may use only topics Vigil has (or its OTLP inputs and Streams' own), and writes only where it must. */
    @Test
    void kafkaUsersAreAllowedOnlyWhatTheirServiceUses() {
        Map<String, List<String>> writes = new TreeMap<>();
        for (GenericKubernetesResource u : strimzi.custom("KafkaUser")) {
            Map<String, Object> authz = map(spec(u).get("authorization"));
            assertEquals("simple", authz.get("type"), u.getMetadata().getName());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> acls = (List<Map<String, Object>>) authz.get("acls");
            for (Map<String, Object> acl : acls) {
                Map<String, Object> r = map(acl.get("resource"));
                String name = r.get("name").toString();
                if (r.get("type").equals("topic") && r.get("patternType").equals("literal")) {
                    assertTrue(Topics.ALL.stream().anyMatch(t -> t.name().equals(name)) || name.startsWith("otlp_"),
                            u.getMetadata().getName() + " names a topic Vigil does not have: " + name);
                    @SuppressWarnings("unchecked")
                    List<String> ops = (List<String>) acl.get("operations");
                    if (ops.contains("Write")) {
                        writes.computeIfAbsent(u.getMetadata().getName(), k -> new ArrayList<>()).add(name);
                    }
                }
                assertFalse(name.isEmpty() || name.equals("*"), u.getMetadata().getName() + " has a wildcard ACL");
            }
        }
        assertEquals(Map.of(
                "vigil-alert-service", List.of("vigil.alerts", "vigil.alerts.state", "vigil.alerts.silences", "vigil.alerts.nflog", "vigil.metrics"),
                "vigil-collector", List.of("vigil.metrics", "vigil.logs", "vigil.diagnostics.results", "vigil.metrics.metadata"),
                "vigil-diagnostics-service", List.of("vigil.diagnostics.requests", "vigil.diagnostics.runs"),
                "vigil-logs-service", List.of("vigil.logs", "vigil.deadletter", "vigil.logs.deletes"),
                "vigil-metrics-service", List.of("vigil.metrics", "vigil.deadletter", "vigil.metrics.metadata")), writes);
    }

    /** The namespace enforces the restricted profile, which Strimzi's default security context does not meet. */
    @Test
    void strimziPodsMeetTheRestrictedProfile() {
        Map<String, Map<String, Object>> templates = Map.of(
                "KafkaNodePool", map(spec(only("KafkaNodePool")).get("template")),
                "Kafka brokers", map(map(spec(only("Kafka")).get("kafka")).get("template")),
                "entity operator", map(map(spec(only("Kafka")).get("entityOperator")).get("template")));
        Map<String, List<String>> containers = Map.of(
                "KafkaNodePool", List.of("kafkaContainer"),
                "Kafka brokers", List.of("kafkaContainer"),
                "entity operator", List.of("topicOperatorContainer", "userOperatorContainer"));
        templates.forEach((what, template) -> {
            Map<String, Object> pod = map(map(template.get("pod")).get("securityContext"));
            assertEquals(true, pod.get("runAsNonRoot"), what + " pod: " + pod);
            assertEquals("RuntimeDefault", map(pod.get("seccompProfile")).get("type"), what + " pod: " + pod);
            for (String container : containers.get(what)) {
                Map<String, Object> sc = map(map(template.get(container)).get("securityContext"));
                assertEquals(false, sc.get("allowPrivilegeEscalation"), what + " " + container + ": " + sc);
                assertEquals(List.of("ALL"), map(sc.get("capabilities")).get("drop"), what + " " + container + ": " + sc);
            }
        });
    }

    /** Strimzi pod templates have no nodeSelector; required node affinity on the OS label is its equivalent. */
    @SuppressWarnings("unchecked")
    private static void assertLinuxOnly(String what, Map<String, Object> podTemplate) {
        List<Map<String, Object>> terms = (List<Map<String, Object>>) map(map(map(podTemplate.get("affinity")).get("nodeAffinity"))
                .get("requiredDuringSchedulingIgnoredDuringExecution")).get("nodeSelectorTerms");
        assertFalse(terms == null || terms.isEmpty(), what + " has no required node affinity");
        for (Map<String, Object> term : terms) {
            List<Map<String, Object>> exprs = (List<Map<String, Object>>) term.get("matchExpressions");
            boolean linux = exprs.stream().anyMatch(e -> "kubernetes.io/os".equals(e.get("key"))
                    && "In".equals(e.get("operator")) && List.of("linux").equals(e.get("values")));
            assertTrue(linux, what + " is not pinned to kubernetes.io/os=linux: " + term);
        }
    }

    private static GenericKubernetesResource only(String kind) {
        List<GenericKubernetesResource> all = strimzi.custom(kind);
        assertEquals(1, all.size(), "expected one " + kind);
        return all.get(0);
    }

    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return Optional.ofNullable((Map<String, Object>) o).orElse(Map.of());
    }
}
