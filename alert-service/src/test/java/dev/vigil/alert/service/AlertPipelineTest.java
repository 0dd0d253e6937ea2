package dev.vigil.alert.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert service as deployed, against real servers: a rule with {@code for: 2s} goes pending
 * then firing on a query API the test controls, the notification reaches a webhook (Alertmanager
 * v4 JSON), Slack and Teams endpoints (their own JSON) and an SMTP server, the webhook JSON lands
 * on {@code vigil.alerts}, and the resolved notification follows when the series disappears.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PipelineTestResource.class, restrictToAnnotatedClass = true)
class AlertPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "vigil.alert.query-url")
    String queryUrl;
    @ConfigProperty(name = "pipeline.receiver-url", defaultValue = "unset")
    String receiverUrl;
    @ConfigProperty(name = "pipeline.pop3-port", defaultValue = "0")
    int pop3Port;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void ruleGoesPendingThenFiringThenResolvedThroughEveryReceiver() throws Exception {
        FakeQueryApi.set(queryUrl, "0.95");

        JsonNode pending = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(this::prometheusAlert, a -> a.path("state").asText().equals("pending"));
        Instant activeAt = Instant.parse(pending.path("activeAt").asText());

        JsonNode firing = await().atMost(Duration.ofSeconds(20)).until(() -> last(received("/hook")), n -> n != null);
        assertEquals("4", firing.path("version").asText());
        assertEquals("firing", firing.path("status").asText());
        assertEquals("all", firing.path("receiver").asText());
        assertEquals("http://vigil.example.org:9093", firing.path("externalURL").asText());
        assertEquals("{}:{alertname=\"DiskAlmostFull\"}", firing.path("groupKey").asText());
        assertEquals(Map.of("alertname", "DiskAlmostFull"), JSON.convertValue(firing.path("groupLabels"), Map.class));
        JsonNode alert = firing.path("alerts").get(0);
        assertEquals(Map.of("alertname", "DiskAlmostFull", "instance", "win-1", "job", "node", "severity", "warning"),
                JSON.convertValue(alert.path("labels"), Map.class));
        assertEquals("win-1 disk at 0.95", alert.path("annotations").path("summary").asText());
        assertEquals("0001-01-01T00:00:00Z", alert.path("endsAt").asText(), "a firing alert has Go's zero endsAt");
        assertEquals("firing", alert.path("status").asText());
        // startsAt is the firing time, as Prometheus sends it: exactly for: 2s after activeAt.
        assertEquals(activeAt.plusSeconds(2), Instant.parse(alert.path("startsAt").asText()));

        JsonNode slack = await().atMost(Duration.ofSeconds(10)).until(() -> last(received("/slack")), n -> n != null);
        assertEquals("#ops", slack.path("channel").asText());
        assertEquals("danger", slack.path("attachments").get(0).path("color").asText());
        assertTrue(slack.path("attachments").get(0).path("title").asText().contains("DiskAlmostFull"), slack.toString());

        JsonNode teams = await().atMost(Duration.ofSeconds(10)).until(() -> last(received("/teams")), n -> n != null);
        assertEquals("MessageCard", teams.path("@type").asText(teams.path("type").asText()));
        assertTrue(teams.path("title").asText().contains("DiskAlmostFull"), teams.toString());

        assertEquals(firing, onAlertsTopic("firing"), "vigil.alerts carries the webhook JSON");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertTrue(mailSubjects().stream().anyMatch(s -> s.contains("[FIRING:1] DiskAlmostFull")), mailSubjects().toString()));

        FakeQueryApi.set(queryUrl, "none");

        JsonNode resolved = await().atMost(Duration.ofSeconds(20)).until(() -> last(received("/hook")),
                n -> n != null && n.path("status").asText().equals("resolved"));
        assertEquals("resolved", resolved.path("alerts").get(0).path("status").asText());
        assertEquals(alert.path("fingerprint"), resolved.path("alerts").get(0).path("fingerprint"));
        assertEquals(alert.path("startsAt"), resolved.path("alerts").get(0).path("startsAt"));
        assertEquals(1, received("/hook").stream().filter(n -> n.path("status").asText().equals("firing")).count(),
                "one firing notification within repeat_interval");
        await().atMost(Duration.ofSeconds(10)).until(() -> last(received("/slack")), n -> n.path("attachments").get(0).path("color").asText().equals("good"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertTrue(mailSubjects().stream().anyMatch(s -> s.contains("[RESOLVED] DiskAlmostFull")), mailSubjects().toString()));
        assertEquals(resolved, onAlertsTopic("resolved"));
    }

    private JsonNode prometheusAlert() {
        JsonNode alerts = JSON.valueToTree(RestAssured.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().get("data.alerts"));
        return alerts.isEmpty() ? JSON.createObjectNode() : alerts.get(0);
    }

    private List<JsonNode> received(String path) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(RecordingReceiver.fetch(receiverUrl + path)).forEach(out::add);
        return out;
    }

    private static JsonNode last(List<JsonNode> nodes) {
        return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
    }

    private JsonNode onAlertsTopic(String status) throws Exception {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-test-" + status,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    JsonNode n = JSON.readTree(r.value());
                    if (n.path("status").asText().equals(status)) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("no " + status + " notification on " + Topics.ALERTS);
    }

    private List<String> mailSubjects() throws Exception {
        Properties p = new Properties();
        p.put("mail.pop3.host", "127.0.0.1");
        p.put("mail.pop3.port", Integer.toString(pop3Port));
        Store store = Session.getInstance(p).getStore("pop3");
        store.connect(PipelineTestResource.MAIL_USER, PipelineTestResource.MAIL_PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
