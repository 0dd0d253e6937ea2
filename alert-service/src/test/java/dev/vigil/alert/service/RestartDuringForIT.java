package dev.vigil.alert.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged alert service stopped with SIGTERM in the middle of a {@code for: 10s} and started
 * again on the same broker: the alert fires 10 s after its original activeAt, not 10 s after the
 * restart, and the webhook gets exactly one firing notification, also after a restart once fired.
 */
class RestartDuringForIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void restartKeepsTheForTimerAndSendsNoDuplicate() throws Exception {
        try (TestKafka kafka = TestKafka.start();
             FakeQueryApi query = new FakeQueryApi("{\"__name__\":\"up\",\"instance\":\"win-1\",\"job\":\"node\"}");
             RecordingReceiver hook = new RecordingReceiver()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, """
                    groups:
                      - name: availability
                        interval: 1s
                        rules:
                          - alert: InstanceDown
                            expr: up == 0
                            for: 10s
                    """);
            Path am = dir.resolve("alertmanager.yml");
            Files.writeString(am, """
                    route:
                      receiver: hook
                      group_by: ['alertname']
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: hook
                        webhook_configs:
                          - url: '%s'
                            send_resolved: true
                    """.formatted(hook.url("/hook")));
            Map<String, String> props = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "vigil.alert.query-url", query.url(), "vigil.alert.streaming.enabled", "false", "vigil.alert.rule-files", rules.toString(),
                    "vigil.alert.config-file", am.toString());
            FakeQueryApi.set(query.url(), "0");

            Instant activeAt;
            try (AlertServiceProcess first = AlertServiceProcess.start(dir, "first.log", props)) {
                activeAt = awaitPending(first);
                AlertServiceProcess.pause(Math.max(0, Duration.between(Instant.now(), activeAt.plusSeconds(5)).toMillis()));
                assertEquals(0, firing(hook).size(), "nothing is sent while pending");
            }
            Instant firedSeenAt;
            try (AlertServiceProcess second = AlertServiceProcess.start(dir, "second.log", props)) {
                assertTrue(Instant.now().isBefore(activeAt.plusSeconds(10)),
                        "the restart must complete inside the for window for this test to mean anything; log:\n" + second.logTail());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (firing(hook).isEmpty() && System.nanoTime() < deadline) {
                    AlertServiceProcess.pause(100);
                }
                firedSeenAt = Instant.now();
                assertEquals(1, firing(hook).size(), second.logTail());
            }
            JsonNode alert = firing(hook).get(0).path("alerts").get(0);
            // As Prometheus, Vigil sends firedAt as startsAt: activeAt + for exactly when the timer survived the restart.
            assertEquals(activeAt.plusSeconds(10), Instant.parse(alert.path("startsAt").asText()), "fired 10 s after the activeAt from before the restart");
            assertTrue(!firedSeenAt.isBefore(activeAt.plusSeconds(10)), "fired before for: 10s elapsed: " + firedSeenAt);
            assertTrue(firedSeenAt.isBefore(activeAt.plusSeconds(14)),
                    "fired " + Duration.between(activeAt, firedSeenAt) + " after activeAt: the for timer restarted");

            try (AlertServiceProcess third = AlertServiceProcess.start(dir, "third.log", props)) {
                AlertServiceProcess.pause(5000);
                assertEquals(1, firing(hook).size(), "a restart after firing sends nothing again within repeat_interval:\n" + third.logTail());
            }
        }
    }

    private static Instant awaitPending(AlertServiceProcess p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode alerts;
            try (var in = URI.create(p.url() + "/api/v1/alerts").toURL().openStream()) {
                alerts = JSON.readTree(in).path("data").path("alerts");
            }
            if (!alerts.isEmpty() && alerts.get(0).path("state").asText().equals("pending")) {
                return Instant.parse(alerts.get(0).path("activeAt").asText());
            }
            AlertServiceProcess.pause(100);
        }
        throw new AssertionError("the rule never went pending:\n" + p.logTail());
    }

    private static List<JsonNode> firing(RecordingReceiver hook) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String body : hook.bodies("/hook")) {
            JsonNode n = JSON.readTree(body);
            if (n.path("status").asText().equals("firing")) {
                out.add(n);
            }
        }
        return out;
    }
}
