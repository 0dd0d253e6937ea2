package dev.vigil.logs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances share the two {@code vigil.logs} partitions; one is killed with -9, so the other
 * takes over its partition with no local copy of it, and must still answer for every line ever
 * written there (it rebuilds the store from the topic). The killed instance then comes back on its
 * old, now stale, data folder while writes go on: both answer every line exactly once.
 */
class FailoverIT {
    private static final int PARTITIONS = 2;
    private static final int STREAMS = 8;
    private static final int LINES_PER_PHASE = 60;
    private static final Map<String, String> FAST_FAILOVER = Map.of(
            "vigil.logs.commit-interval", "200ms",
            "kafka-streams.consumer.session.timeout.ms", "6000",
            "kafka-streams.consumer.heartbeat.interval.ms", "1000");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSurvivorAnswersForTheKilledInstancesPartitionAndTheReturningInstanceCatchesUp() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = (System.currentTimeMillis() - Duration.ofMinutes(30).toMillis()) * 1_000_000L;
            long at = t0 + Duration.ofMinutes(10).toNanos();
            try (ServiceProcess a = new ServiceProcess(Files.createDirectories(dir.resolve("a")), kafka.bootstrapServers(), FAST_FAILOVER);
                 ServiceProcess b = new ServiceProcess(Files.createDirectories(dir.resolve("b")), kafka.bootstrapServers(), FAST_FAILOVER);
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                a.start();
                b.start();
                publish(producer, t0, 0, LINES_PER_PHASE);
                awaitEveryStream(a, at, LINES_PER_PHASE);
                awaitEveryStream(b, at, LINES_PER_PHASE);

                a.kill();
                publish(producer, t0, LINES_PER_PHASE, 2 * LINES_PER_PHASE);
                // Only b is left: the first phase of a's partition can only come from b rebuilding it.
                awaitEveryStream(b, at, 2 * LINES_PER_PHASE);

                a.start();
                publish(producer, t0, 2 * LINES_PER_PHASE, 3 * LINES_PER_PHASE);
                awaitEveryStream(a, at, 3 * LINES_PER_PHASE);
                awaitEveryStream(b, at, 3 * LINES_PER_PHASE);
            }
        }
    }

    /** Waits until every stream has exactly {@code lines} lines, as seen by {@code service}. */
    private void awaitEveryStream(ServiceProcess service, long atNanos, int lines) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Long> perStream = counts(service, atNanos);
            assertEquals(STREAMS, perStream.size(), "streams seen from port " + service.port() + ": " + perStream);
            perStream.forEach((s, n) -> assertEquals(lines, n, "lines of stream " + s + " from port " + service.port()));
        });
    }

    /** Lines [from, to) of every stream, one millisecond apart, through the publisher Vigil's producers share. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, long t0, int from, int to) throws Exception {
        List<LogStream> batch = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = from; i < to; i++) {
                entries.add(new LogEntry(t0 + i * 1_000_000L, "stream " + s + " line " + i));
            }
            batch.add(new LogStream(Labels.of("job", "failover", "stream", Integer.toString(s)), entries));
        }
        new BatchPublisher(producer).publishLogs(batch).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Long> counts(ServiceProcess service, long atNanos) throws IOException {
        String q = "count_over_time({job=\"failover\"}[1h])";
        Map<String, Long> out = new TreeMap<>();
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + atNanos)
                .orElse("{\"data\":{\"result\":[]}}");
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            out.put(r.path("metric").path("stream").asText(), Long.parseLong(r.path("value").get(1).asText()));
        }
        return out;
    }
}
