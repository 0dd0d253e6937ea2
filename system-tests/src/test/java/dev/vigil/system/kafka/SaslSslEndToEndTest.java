package dev.vigil.system.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.model.Topics;
import dev.vigil.system.ServiceProcess;
import dev.vigil.system.Services;
import dev.vigil.system.WebhookReceiver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service against a Kafka that only a SASL_SSL client can use: the services are given the
 * broker's SASL_SSL listener (TLS with a self-signed CA, SCRAM-SHA-512) and the one {@code kafka.*}
 * block that secures it, nothing else. A client that ignored the block would never connect, so
 * each check below proves one group of Kafka clients: the collector's producer (a host metric and
 * a tailed line come out of the query APIs), Kafka Streams in metrics and logs, the Loki push
 * publisher, the alert service's state readers and alerts producer (a rule fires onto
 * {@code vigil.alerts}), the diagnostics run store, and the collector's node-check listener.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslSslEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LINE = "secured kafka line " + System.nanoTime();
    private static final String NODE = "sasl-node";

    @TempDir
    static Path dir;
    private LocalKafka kafka;
    private WebhookReceiver webhook;
    private Services services;
    private ServiceProcess metrics;
    private ServiceProcess logs;
    private ServiceProcess diagnostics;

    @BeforeAll
    void startVigil() throws Exception {
        String password = UUID.randomUUID().toString();
        SelfSignedTls tls = SelfSignedTls.create(dir, password);
        kafka = LocalKafka.start(dir.resolve("kafka"), 0,
                new LocalKafka.SaslSslListener(tls.keyStore(), password, Map.of("vigil", "scram-" + password)));
        kafka.createVigilTopics(2);
        Map<String, String> secured = Map.of(
                "kafka.bootstrap.servers", kafka.securedBootstrapServers(),
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", LocalKafka.SaslSslListener.MECHANISM,
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"vigil\" password=\"scram-" + password + "\";",
                "kafka.ssl.truststore.location", tls.trustStore().toString(),
                "kafka.ssl.truststore.password", password,
                "kafka.ssl.truststore.type", "PKCS12");
        webhook = new WebhookReceiver();
        Path tailed = Files.writeString(dir.resolve("app.log"), LINE + "\n");
        Path rules = Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: secured
                    interval: 1s
                    rules:
                      - alert: SecuredKafkaWorks
                        expr: node_memory_MemAvailable_bytes > 0
                """);
        Path am = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_wait: 0s
                  group_interval: 1s
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: '%s'
                """.formatted(webhook.url()));
        String data = dir.resolve("data").toString();
        services = new Services(dir, secured);
        metrics = services.start("metrics-service", Map.of("vigil.data-dir", data));
        logs = services.start("logs-service", Map.of("vigil.data-dir", data));
        services.start("alert-service", Map.of("vigil.alert.query-url", metrics.url(), "vigil.alert.logs-url", logs.url(),
                "vigil.alert.rule-files", rules.toString(), "vigil.alert.config-file", am.toString()));
        diagnostics = services.start("diagnostics-service", Map.of("vigil.diagnostics.data-dir", dir.resolve("diag").toString()));
        services.start("collector-service", Map.of("vigil.collector.interval", "1s", "vigil.collector.node-name", NODE,
                "vigil.collector.log-files", tailed.toString(), "vigil.collector.pod-log-root", "none",
                "vigil.collector.diagnostics.enabled", "true", "vigil.collector.state-dir", dir.resolve("collector").toString()));
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
    void collectorMetricsAndLogsComeOutOfTheQueryApis() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = get(metrics.url() + "/api/v1/query?query=" + enc("node_memory_MemTotal_bytes{node=\"" + NODE + "\"}"));
            assertEquals(1, r.path("data").path("result").size(), r.toString());
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertTrue(get(logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"file\"}") + "&limit=10")
                        .toString().contains(LINE)));
    }

    @Test
    void lokiPushIsPublishedAndAnswered() throws Exception {
        String pushed = "pushed through SASL_SSL " + System.nanoTime();
        long ns = System.currentTimeMillis() * 1_000_000L;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(logs.url() + "/loki/api/v1/push"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[{\"stream\":{\"job\":\"push\"},\"values\":[[\""
                        + ns + "\",\"" + pushed + "\"]]}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertTrue(get(logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"push\"}") + "&limit=10")
                        .toString().contains(pushed)));
    }

    @Test
    void ruleFiresToTheWebhookAndOntoTheAlertsTopic() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertFalse(webhook.bodies().isEmpty(), "no webhook yet"));
        assertTrue(webhook.bodies().get(0).contains("SecuredKafkaWorks"), webhook.bodies().get(0));
        awaitRecord(Topics.ALERTS, v -> v.contains("SecuredKafkaWorks"));
    }

    @Test
    void diagnosticsRunIsStoredAndTheCollectorAnswersOnTheResultsTopic() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(diagnostics.url() + "/diagnostics/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inventory\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).path("id").asText();
        awaitRecord(Topics.DIAGNOSTICS_RUNS, v -> v.contains(id));
        awaitRecord(Topics.DIAGNOSTICS_RESULTS, v -> v.contains(NODE) && v.contains("heartbeat"));
    }

    /** Reads {@code topic} through the broker's plain listener (the test's own view) until a value matches. */
    private void awaitRecord(String topic, Predicate<String> wanted) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "sasl-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(500))) {
                    if (rec.value() != null && wanted.test(rec.value())) {
                        return true;
                    }
                }
                return false;
            });
        }
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
