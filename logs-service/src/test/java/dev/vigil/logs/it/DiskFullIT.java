package dev.vigil.logs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk under the packaged service: its log stores sit on a 16 MiB tmpfs that the test fills
 * to the last byte. The service must go unready with the reason (both {@code /q/health/ready} and
 * Loki's {@code /ready}), stop consuming, keep answering queries and stay up; when the test frees
 * the space it must become ready by itself, take in what was pushed meanwhile, and answer every
 * line exactly once, with its offsets committed to the end of the topic.
 */
class DiskFullIT {
    private static final int LINES = 600;
    private static final String PADDING = "x".repeat(2000);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFullDiskPausesIngestAndSpaceReturningResumesIt() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 1);
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of(
                         "vigil.logs.commit-interval", "1s")).onSmallDisk(16L << 20);
                 BatchPublisher publisher = BatchPublisher.open(KafkaClientConfig.of(kafka.bootstrapServers()), "disk-full-it", Map.of())) {
                service.start();
                long nowNs = System.currentTimeMillis() * 1_000_000L;
                publish(publisher, "before_full", nowNs);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(LINES, count(service, "before_full", nowNs)));

                Path filler = service.fillSmallDisk();
                publish(publisher, "at_full", nowNs);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = service.response("/q/health/ready").orElseThrow();
                    assertEquals(503, ready.statusCode(), ready.body());
                    assertTrue(ready.body().contains("No space left on device"), ready.body());
                    HttpResponse<String> loki = service.response("/ready").orElseThrow();
                    assertEquals(503, loki.statusCode(), loki.body());
                    assertTrue(loki.body().contains("No space left on device"), loki.body());
                    assertEquals(1.0, service.gauge("vigil_logs_ingest_paused"));
                });
                assertTrue(service.gauge("vigil_logs_storage_write_failures_total") >= 1);
                double held = service.gauge("vigil_logs_storage_entries");
                publish(publisher, "while_full", nowNs);
                Thread.sleep(5_000); // five retry intervals
                assertEquals(held, service.gauge("vigil_logs_storage_entries"), "nothing consumed while paused");
                assertEquals(LINES, count(service, "before_full", nowNs), "queries answered while the disk is full");
                assertTrue(service.alive(), "the service stays up");

                Files.delete(filler);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertEquals(200, service.response("/q/health/ready").orElseThrow().statusCode());
                    assertEquals(200, service.response("/ready").orElseThrow().statusCode());
                    assertEquals(0.0, service.gauge("vigil_logs_ingest_paused"));
                    for (String phase : List.of("before_full", "at_full", "while_full")) {
                        assertEquals(LINES, count(service, phase, nowNs), phase);
                    }
                    assertEquals(LocalKafka.endOffset(kafka.bootstrapServers(), "vigil.logs", 0),
                            LocalKafka.committedOffset(kafka.bootstrapServers(), "vigil-logs", "vigil.logs", 0), "offsets committed to the end");
                });
            }
        }
    }

    private static void publish(BatchPublisher publisher, String phase, long nowNs) throws Exception {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            // 1.2 MB a batch: past the write-ahead log's buffer, so appends themselves hit the full disk
            entries.add(new LogEntry(nowNs - (LINES - i) * 1_000_000_000L, phase + " line " + i + " " + PADDING));
        }
        publisher.publishLogs(List.of(new LogStream(Labels.of("job", "disk-full-it", "phase", phase), entries)))
                .get(30, TimeUnit.SECONDS);
    }

    private double count(ServiceProcess service, String phase, long timeNs) throws IOException {
        String q = "sum(count_over_time({job=\"disk-full-it\", phase=\"" + phase + "\"}[30m]))";
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + timeNs)
                .orElse("{\"data\":{\"result\":[]}}");
        JsonNode result = json.readTree(body).path("data").path("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
