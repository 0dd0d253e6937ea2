package dev.vigil.logs.it;

import dev.vigil.kafka.client.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention runs in the packaged service: with two minutes of retention, chunks sealed after 30 s
 * and upkeep every two seconds, lines written over the last twenty minutes (straight to
 * {@code vigil.logs}, as a collector writes them) are cut to the last few minutes in query answers
 * and in the stores, and /q/metrics counts the chunks retention deleted.
 */
class RetentionIT {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void linesOlderThanRetentionLeaveAnswersAndTheStores() throws Exception {
        withService(2, Map.of(
                "vigil.logs.retention", "2m",
                "vigil.logs.chunk-max-age", "30s",
                "vigil.logs.maintenance-interval", "2s",
                "vigil.logs.commit-interval", "1s"), (service, publisher) -> {
            long nowNs = System.currentTimeMillis() * 1_000_000L;
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i <= 120; i++) { // one line every 10 s over the last 20 minutes
                entries.add(new LogEntry(nowNs - (120 - i) * 10_000_000_000L, "line " + i));
            }
            publisher.publishLogs(List.of(new LogStream(Labels.of("job", "retention-it"), entries))).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                double kept = count(service, System.currentTimeMillis() * 1_000_000L);
                // retention deletes whole sealed chunks: what is kept is at most retention plus a chunk's span
                assertTrue(kept > 0 && kept <= 20, "lines answered over the last 30 minutes: " + kept);
            });
            // what the answers no longer show leaves the stores within an upkeep or two
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertTrue(service.gauge("vigil_logs_retention_chunks_deleted_total") >= 1, "retention counted what it deleted");
                double held = service.gauge("vigil_logs_storage_entries");
                assertTrue(held > 0 && held <= 20, "entries the stores hold: " + held);
            });
        });
    }

    @Test
    void aSizeCapKeepsEachPartitionWithinItsBytes() throws Exception {
        withService(1, Map.of(
                "vigil.logs.max-partition-bytes", "4000",
                "vigil.logs.chunk-max-age", "1m",
                "vigil.logs.maintenance-interval", "2s",
                "vigil.logs.commit-interval", "1s"), (service, publisher) -> {
            long nowNs = System.currentTimeMillis() * 1_000_000L;
            List<LogEntry> entries = new ArrayList<>();
            Random rnd = new Random(3);
            for (int i = 0; i <= 1200; i++) { // one line a second over the last 20 minutes, hard to compress
                entries.add(new LogEntry(nowNs - (1200 - i) * 1_000_000_000L, "line " + i + " " + Long.toHexString(rnd.nextLong())));
            }
            publisher.publishLogs(List.of(new LogStream(Labels.of("job", "retention-it"), entries))).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                double stored = service.gauge("vigil_logs_storage_stored_bytes");
                assertTrue(stored > 0 && stored <= 4000, "sealed bytes the store keeps: " + stored);
            });
            double kept = count(service, System.currentTimeMillis() * 1_000_000L);
            assertTrue(kept > 0 && kept < 1201, "lines answered over the last 30 minutes: " + kept);
        });
    }

    /** What a test does with the running service and a publisher writing straight to its topic. */
    @FunctionalInterface
    private interface Scenario {
        void run(ServiceProcess service, BatchPublisher publisher) throws Exception;
    }

    /** Runs {@code scenario} against the packaged service on a fresh broker with {@code partitions} partitions and these settings. */
    private void withService(int partitions, Map<String, String> settings, Scenario scenario) throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), partitions);
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), settings);
                 BatchPublisher publisher = BatchPublisher.open(KafkaClientConfig.of(kafka.bootstrapServers()), "retention-it", Map.of())) {
                service.start();
                scenario.run(service, publisher);
            }
        }
    }

    private double count(ServiceProcess service, long timeNs) throws IOException {
        String q = "sum(count_over_time({job=\"retention-it\"}[30m]))";
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + timeNs)
                .orElse("{\"data\":{\"result\":[]}}");
        JsonNode result = json.readTree(body).path("data").path("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
