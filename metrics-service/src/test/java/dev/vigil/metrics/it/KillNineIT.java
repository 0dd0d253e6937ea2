package dev.vigil.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kill -9 of the packaged service in the middle of ingest, then a restart on the same data
 * folder: every sample is there exactly once. The restart replays {@code vigil.metrics} from the
 * last committed offset, so this checks both that commits make samples durable and that the
 * replay's duplicates are dropped.
 */
class KillNineIT {
    private static final int PARTITIONS = 2;
    private static final int SERIES = 20;
    private static final int STEPS = 500;
    private static final long STEP_MS = 1000;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killNineDuringIngestThenRestartLosesNoSampleAndDoublesNone() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
            long end = t0 + (STEPS - 1) * STEP_MS;
            // Commits every 200 ms: several land before the kill, so the restart must resume from a
            // committed offset with the committed samples durable, not replay the topic from the start.
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(),
                    Map.of("vigil.metrics.storage.commit-interval", "200ms"));
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                service.start();
                int ingesting = STEPS / 10;
                int killAt = STEPS * 2 / 5;
                int restartAt = STEPS * 3 / 5;
                for (int step = 0; step < STEPS; step++) {
                    publishStep(producer, t0, step);
                    if (step == ingesting) {
                        producer.flush();
                        await().atMost(Duration.ofSeconds(60)).until(() -> total(service, "count_over_time(kill_test[10m])", end) > 0);
                    }
                    if (step == killAt) {
                        Thread.sleep(1_000); // let a few commits happen while records keep arriving
                        service.kill(); // while the records of the steps just sent are being ingested
                    }
                    if (step == restartAt) {
                        service.start();
                    }
                    Thread.sleep(5);
                }
                producer.flush();

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> total(service, "count_over_time(kill_test[10m])", end) >= (double) SERIES * STEPS);
                Map<String, Double> perSeries = perSeries(service, "count_over_time(kill_test[10m])", end);
                assertEquals(SERIES, perSeries.size(), perSeries.toString());
                perSeries.forEach((s, n) -> assertEquals(STEPS, n, "samples of series " + s));
                assertEquals((double) STEPS * (STEPS - 1) / 2 * SERIES, total(service, "sum_over_time(kill_test[10m])", end),
                        "sum of every value, each counted once");
            }
        }
    }

    /** One sample of every series at step {@code step}; value = step, so sums are known. */
    private static void publishStep(KafkaProducer<byte[], byte[]> producer, long t0, int step) {
        Map<Integer, List<MetricSeries>> byPartition = new TreeMap<>();
        for (int s = 0; s < SERIES; s++) {
            Labels l = Labels.of("__name__", "kill_test", "series", Integer.toString(s));
            byPartition.computeIfAbsent(SeriesHash.partition(l, PARTITIONS), p -> new ArrayList<>())
                    .add(new MetricSeries(l, List.of(new Sample(t0 + step * STEP_MS, step))));
        }
        byPartition.forEach((p, batch) -> producer.send(new ProducerRecord<>(Topics.METRICS, p, null, MetricCodec.encode(batch))));
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private double total(ServiceProcess service, String query, long timeMs) {
        return perSeries(service, "sum(" + query + ")", timeMs).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<String, Double> perSeries(ServiceProcess service, String query, long timeMs) {
        String body = service.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + timeMs / 1000.0)
                .orElse("{\"data\":{\"result\":[]}}");
        Map<String, Double> out = new TreeMap<>();
        try {
            for (JsonNode r : json.readTree(body).path("data").path("result")) {
                out.put(r.path("metric").path("series").asText(), Double.parseDouble(r.path("value").get(1).asText()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not Prometheus JSON: " + body, e);
        }
        return out;
    }
}
