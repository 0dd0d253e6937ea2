package dev.vigil.alert.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
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
 * The packaged alert service evaluating a rule as its samples arrive on {@code vigil.metrics}
 * (the local broker), with no query API at all (the query URL refuses connections) and a group
 * interval of one hour, so nothing but the streamed evaluation can fire or resolve the alert:
 * a crossing sample fires it, a sample back under the threshold resolves it, and a record that
 * does not decode in between changes nothing.
 */
class StreamingEvaluationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCrossingSampleFiresAndResolvesWithoutTheTimer() throws Exception {
        try (TestKafka kafka = TestKafka.start();
             RecordingReceiver hook = new RecordingReceiver();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, """
                    groups:
                      - name: probes
                        interval: 1h
                        rules:
                          - alert: ProbeHigh
                            expr: max by (probe) (probe_value{job="streamed"}) > 10
                            annotations:
                              summary: "probe {{ $labels.probe }} at {{ $value }}"
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
                    "vigil.alert.query-url", "http://127.0.0.1:1", "vigil.alert.rule-files", rules.toString(),
                    "vigil.alert.config-file", am.toString());
            Labels series = Labels.of(Labels.METRIC_NAME, "probe_value", "job", "streamed", "probe", "p1", "instance", "a");
            try (AlertServiceProcess alerts = AlertServiceProcess.start(dir, "streaming.log", props)) {
                producer.send(new ProducerRecord<>(Topics.METRICS, "garbage".getBytes(StandardCharsets.UTF_8))).get();
                send(producer, series, 1);
                Instant crossingAt = sendUntil(producer, series, 42, () -> !statuses(hook).isEmpty(), alerts);
                List<JsonNode> sent = notifications(hook);
                assertEquals("firing", sent.get(0).path("status").asText(), alerts.logTail());
                JsonNode alert = sent.get(0).path("alerts").get(0);
                assertEquals("p1", alert.path("labels").path("probe").asText());
                assertEquals("probe p1 at 42", alert.path("annotations").path("summary").asText());
                Instant startsAt = Instant.parse(alert.path("startsAt").asText());
                assertTrue(!startsAt.isBefore(crossingAt.minusMillis(1)) && startsAt.isBefore(crossingAt.plusSeconds(15)),
                        "startsAt " + startsAt + " is the evaluation the crossing sample (" + crossingAt + ") caused");

                sendUntil(producer, series, 3, () -> statuses(hook).contains("resolved"), alerts);
                List<String> statuses = statuses(hook);
                assertEquals(List.of("firing", "resolved"), statuses, alerts.logTail());

                String metrics = RecordingReceiver.fetch(alerts.url() + "/q/metrics");
                assertTrue(metrics.contains("vigil_alert_streaming_ready 1.0"), "the service says it streams");
                assertTrue(metrics.contains("vigil_alert_streaming_series 1.0"), "one series watched");
                assertTrue(metrics.lines().anyMatch(l -> l.startsWith("vigil_alert_streamed_evaluations_total ")
                        && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) >= 2), "at least the firing and the resolving evaluation");
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Labels labels, double value) throws Exception {
        byte[] record = MetricCodec.encode(List.of(new MetricSeries(labels, List.of(new Sample(System.currentTimeMillis(), value)))));
        producer.send(new ProducerRecord<>(Topics.METRICS, record)).get();
    }

    /**
     * Sends {@code value} every half second until {@code done} (the follower reads the topic from
     * a few minutes back once it is ready, so the first sends may land before it is); returns when
     * the first one was sent.
     */
    private static Instant sendUntil(KafkaProducer<byte[], byte[]> producer, Labels labels, double value,
            java.util.function.BooleanSupplier done, AlertServiceProcess alerts) throws Exception {
        Instant first = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no notification for value " + value + ":\n" + alerts.logTail());
            }
            send(producer, labels, value);
            AlertServiceProcess.pause(500);
        }
        return first;
    }

    private static List<JsonNode> notifications(RecordingReceiver hook) {
        List<JsonNode> out = new ArrayList<>();
        for (String body : hook.bodies("/hook")) {
            try {
                out.add(JSON.readTree(body));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static List<String> statuses(RecordingReceiver hook) {
        return notifications(hook).stream().map(n -> n.path("status").asText()).toList();
    }
}
