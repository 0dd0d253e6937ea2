package dev.vigil.alert.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same rule file and alertmanager.yml given to Prometheus 2.42 + Alertmanager 0.25 and to
 * Vigil, both reading the same scraped series: the webhook payloads, minus timestamps,
 * fingerprints and URLs, match in alerts, labels, annotations, grouping and status transitions.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = DifferentialResource.class, restrictToAnnotatedClass = true)
class DifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "differential.target", defaultValue = "unset")
    String target;
    @ConfigProperty(name = "differential.hooks", defaultValue = "unset")
    String hooks;

    @Test
    void vigilNotifiesAsPrometheusAndAlertmanagerDo() throws Exception {
        ScrapeTarget.set(target, "a", 50);
        ScrapeTarget.set(target, "b", 5);
        ScrapeTarget.set(target, "c", 0);
        awaitBoth("QueueBacklog firing {a=firing}", "QueueEmpty firing {c=firing}");

        ScrapeTarget.set(target, "b", 50);
        awaitBoth("QueueBacklog firing {a=firing, b=firing}");

        ScrapeTarget.set(target, "a", 5);
        awaitBoth("QueueBacklog firing {a=resolved, b=firing}");

        ScrapeTarget.set(target, "b", 5);
        ScrapeTarget.set(target, "c", 3);
        awaitBoth("QueueBacklog resolved {b=resolved}", "QueueEmpty resolved {c=resolved}");

        Map<String, List<JsonNode>> reference = byGroup(payloads("/reference"));
        Map<String, List<JsonNode>> vigil = byGroup(payloads("/vigil"));
        assertEquals(reference.keySet(), vigil.keySet(), "the same groups");
        for (String group : reference.keySet()) {
            assertEquals(reference.get(group), vigil.get(group), "notifications of group " + group);
        }
    }

    private void awaitBoth(String... summaries) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String side : List.of("/reference", "/vigil")) {
                List<String> seen = payloads(side).stream().map(DifferentialTest::summary).toList();
                for (String s : summaries) {
                    assertTrue(seen.contains(s), side + " has not sent " + s + "; sent " + seen);
                }
            }
        });
    }

    private List<JsonNode> payloads(String side) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(PayloadRecorder.fetch(hooks + side)).forEach(n -> out.add(normalized(n)));
        return out;
    }

    /** The payload without what legitimately differs: times, fingerprints, URLs. */
    private static JsonNode normalized(JsonNode payload) {
        ObjectNode n = payload.deepCopy();
        n.remove("externalURL");
        n.remove("receiver");
        ArrayNode alerts = JSON.createArrayNode();
        List<JsonNode> sorted = new ArrayList<>();
        for (JsonNode a : n.path("alerts")) {
            ObjectNode c = a.deepCopy();
            c.remove(List.of("startsAt", "endsAt", "fingerprint", "generatorURL"));
            sorted.add(c);
        }
        sorted.sort((x, y) -> x.path("labels").toString().compareTo(y.path("labels").toString()));
        alerts.addAll(sorted);
        n.set("alerts", alerts);
        return n;
    }

    /** "alertname status {queue=status, ...}", what the waits look for. */
    private static String summary(JsonNode p) {
        Map<String, String> queues = new TreeMap<>();
        p.path("alerts").forEach(a -> queues.put(a.path("labels").path("queue").asText(), a.path("status").asText()));
        return p.path("groupLabels").path("alertname").asText() + " " + p.path("status").asText() + " " + queues;
    }

    /** Per group, the payloads in order with immediate repeats dropped. */
    private static Map<String, List<JsonNode>> byGroup(List<JsonNode> payloads) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode p : payloads) {
            List<JsonNode> l = out.computeIfAbsent(p.path("groupKey").asText(), k -> new ArrayList<>());
            if (l.isEmpty() || !l.get(l.size() - 1).equals(p)) {
                l.add(p);
            }
        }
        return new TreeMap<>(out);
    }
}
