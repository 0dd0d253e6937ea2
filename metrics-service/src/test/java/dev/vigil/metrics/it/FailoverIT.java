package dev.vigil.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.kafka.client.BatchPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances share the two {@code vigil.metrics} partitions; one is killed with -9, so the
 * other takes over its partition with no local copy of it, and must still answer for every sample
 * ever written there (it rebuilds the store from the topic). The killed instance then comes back
 * on its old, now stale, data folder while writes go on: both answer every sample exactly once.
 */
class FailoverIT {
    private static final int PARTITIONS = 2;
    private static final int SERIES = 8;
    private static final int STEPS_PER_PHASE = 60;
    private static final long STEP_MS = 1000;
    private static final Map<String, String> FAST_FAILOVER = Map.of(
            "vigil.metrics.storage.commit-interval", "200ms",
            "kafka-streams.consumer.session.timeout.ms", "6000",
            "kafka-streams.consumer.heartbeat.interval.ms", "1000");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSurvivorAnswersForTheKilledInstancesPartitionAndTheReturningInstanceCatchesUp() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
            long end = t0 + 3L * STEPS_PER_PHASE * STEP_MS;
            try (ServiceProcess a = new ServiceProcess(Files.createDirectories(dir.resolve("a")), kafka.bootstrapServers(), FAST_FAILOVER);
                 ServiceProcess b = new ServiceProcess(Files.createDirectories(dir.resolve("b")), kafka.bootstrapServers(), FAST_FAILOVER);
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                a.start();
                b.start();
                publish(producer, t0, 0, STEPS_PER_PHASE);
                awaitEverySeries(a, end, STEPS_PER_PHASE);
                awaitEverySeries(b, end, STEPS_PER_PHASE);

                a.kill();
                publish(producer, t0, STEPS_PER_PHASE, 2 * STEPS_PER_PHASE);
                // Only b is left: the first phase of a's partition can only come from b rebuilding it.
                awaitEverySeries(b, end, 2 * STEPS_PER_PHASE);

                a.start();
                publish(producer, t0, 2 * STEPS_PER_PHASE, 3 * STEPS_PER_PHASE);
                for (ServiceProcess p : List.of(a, b)) {
                    awaitEverySeries(p, end, 3 * STEPS_PER_PHASE);
                    int steps = 3 * STEPS_PER_PHASE;
                    assertEquals((double) steps * (steps - 1) / 2 * SERIES, total(p, "sum(sum_over_time(failover_test[1h]))", end),
                            "sum of every value, each counted once, from port " + p.port());
                }
            }
        }
    }

    /**
     * Ten days of history, timestamps in the past, survive partition moves: the input topic is the
     * partitions' history (its retention is tied to the store's, docs/operations.md). One instance
     * holds both partitions; a second joins and rebuilds one from the topic; the first is killed
     * and the second rebuilds the other. It then answers every sample of every day.
     */
    @Test
    void tenDaysOfHistorySurviveThePartitionsMovingToAnInstanceThatNeverHeldThem() throws Exception {
        Map<String, String> config = new HashMap<>(FAST_FAILOVER);
        config.put("vigil.metrics.storage.downsample-age", "30d"); // every raw sample stays, so each can be counted
        long day = Duration.ofDays(1).toMillis();
        long every = Duration.ofMinutes(10).toMillis();
        long t0 = Math.floorDiv(System.currentTimeMillis() - 11 * day, every) * every;
        int perDay = (int) (day / every);
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            try (ServiceProcess a = new ServiceProcess(Files.createDirectories(dir.resolve("a")), kafka.bootstrapServers(), config);
                 ServiceProcess b = new ServiceProcess(Files.createDirectories(dir.resolve("b")), kafka.bootstrapServers(), config);
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                a.start();
                BatchPublisher publisher = new BatchPublisher(producer);
                for (int d = 0; d < 10; d++) {
                    List<MetricSeries> batch = new ArrayList<>();
                    for (int s = 0; s < SERIES; s++) {
                        List<Sample> samples = new ArrayList<>();
                        for (int k = 0; k < perDay; k++) {
                            samples.add(new Sample(t0 + d * day + k * every, d));
                        }
                        batch.add(new MetricSeries(Labels.of("__name__", "history_test", "series", Integer.toString(s)), samples));
                    }
                    publisher.publishMetrics(batch).get(30, TimeUnit.SECONDS);
                }
                awaitEveryDay(a, t0, day, perDay);
                b.start();
                awaitEveryDay(b, t0, day, perDay); // one partition rebuilt by b, the other read from a
                a.kill();
                awaitEveryDay(b, t0, day, perDay); // both rebuilt by b
            }
        }
    }

    /** Waits until every series has {@code perDay} samples on each of the ten days, as {@code service} answers. */
    private void awaitEveryDay(ServiceProcess service, long t0, long day, int perDay) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int d = 0; d < 10; d++) {
                long end = t0 + (d + 1) * day - 1;
                Map<String, Double> perSeries = perSeries(service, "count_over_time(history_test[1d])", end);
                assertEquals(SERIES, perSeries.size(), "day " + d + " from port " + service.port() + ": " + perSeries);
                for (Map.Entry<String, Double> e : perSeries.entrySet()) {
                    assertEquals(perDay, e.getValue(), "day " + d + ", series " + e.getKey() + ", port " + service.port());
                }
            }
        });
    }

    /** Waits until every series has exactly {@code steps} samples, as seen by {@code service}. */
    private void awaitEverySeries(ServiceProcess service, long endMs, int steps) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> perSeries = perSeries(service, "count_over_time(failover_test[1h])", endMs);
            assertEquals(SERIES, perSeries.size(), "series seen from port " + service.port() + ": " + perSeries);
            for (Map.Entry<String, Double> e : perSeries.entrySet()) {
                if (e.getValue() != steps) {
                    assertEquals(steps, e.getValue(), "samples of series " + e.getKey() + " from port " + service.port()
                            + "; raw selection has " + rawCounts(service, endMs) + "; " + tsdbStats(service));
                }
            }
        });
    }

    /** Samples per series in a raw range selection, to tell a wrong count from wrong data. */
    private Map<String, Integer> rawCounts(ServiceProcess service, long timeMs) throws IOException {
        String body = service.get("/api/v1/query?query=" + URLEncoder.encode("failover_test[1h]", StandardCharsets.UTF_8) + "&time=" + timeMs / 1000.0)
                .orElse("{\"data\":{\"result\":[]}}");
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            out.put(r.path("metric").path("series").asText(), r.path("values").size());
        }
        return out;
    }

    private static String tsdbStats(ServiceProcess service) {
        return service.get("/q/metrics").orElse("").lines().filter(l -> l.startsWith("vigil_") && !l.startsWith("vigil_metrics_remote"))
                .reduce("", (a, b) -> a + " | " + b);
    }

    /** Steps [from, to) of every series, through the publisher Vigil's producers share; value = step, so sums are known. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, long t0, int from, int to) throws Exception {
        BatchPublisher publisher = new BatchPublisher(producer);
        for (int step = from; step < to; step++) {
            List<MetricSeries> batch = new ArrayList<>();
            for (int s = 0; s < SERIES; s++) {
                Labels l = Labels.of("__name__", "failover_test", "series", Integer.toString(s));
                batch.add(new MetricSeries(l, List.of(new Sample(t0 + step * STEP_MS, step))));
            }
            publisher.publishMetrics(batch).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private double total(ServiceProcess service, String query, long timeMs) throws IOException {
        return perSeries(service, query, timeMs).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<String, Double> perSeries(ServiceProcess service, String query, long timeMs) throws IOException {
        String body = service.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + timeMs / 1000.0)
                .orElse("{\"data\":{\"result\":[]}}");
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            out.put(r.path("metric").path("series").asText(), Double.parseDouble(r.path("value").get(1).asText()));
        }
        return out;
    }
}
