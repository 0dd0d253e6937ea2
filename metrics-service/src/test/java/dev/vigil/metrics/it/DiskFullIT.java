package dev.vigil.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
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
 * A full disk under the packaged service: its stores sit on a 16 MiB tmpfs that the test fills to
 * the last byte. The service must go unready with the reason, stop consuming, keep answering
 * queries and stay up; when the test frees the space it must become ready by itself, take in what
 * was published meanwhile, and answer every sample exactly once, with its offsets committed to the
 * end of the topic.
 */
class DiskFullIT {
    private static final int SAMPLES = 600;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFullDiskPausesIngestAndSpaceReturningResumesIt() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 1);
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of(
                         "vigil.metrics.storage.out-of-order-window", "30m",
                         "vigil.metrics.storage.commit-interval", "1s")).onSmallDisk(16L << 20);
                 BatchPublisher publisher = BatchPublisher.open(KafkaClientConfig.of(kafka.bootstrapServers()), "disk-full-it", Map.of())) {
                service.start();
                long now = System.currentTimeMillis();
                publish(publisher, "before_full", now);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(SAMPLES, count(service, "before_full", now)));

                Path filler = service.fillSmallDisk();
                publish(publisher, "at_full", now);

                // unready with the reason, consumption paused, still up and answering
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> ready = service.response("/q/health/ready").orElseThrow();
                    assertEquals(503, ready.statusCode(), ready.body());
                    assertTrue(ready.body().contains("No space left on device"), ready.body());
                    assertEquals(1.0, service.gauge("vigil_metrics_ingest_paused"));
                });
                assertTrue(service.gauge("vigil_metrics_storage_write_failures_total") >= 1);
                double ingested = service.gauge("vigil_metrics_samples_appended_total");
                publish(publisher, "while_full", now);
                Thread.sleep(5_000); // five retry intervals
                assertEquals(ingested, service.gauge("vigil_metrics_samples_appended_total"), "nothing consumed while paused");
                assertEquals(SAMPLES, count(service, "before_full", now), "queries answered while the disk is full");
                assertTrue(service.alive(), "the service stays up");

                // space returns: ready again by itself, everything answered once, offsets at the end
                Files.delete(filler);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertEquals(200, service.response("/q/health/ready").orElseThrow().statusCode());
                    assertEquals(0.0, service.gauge("vigil_metrics_ingest_paused"));
                    for (String name : List.of("before_full", "at_full", "while_full")) {
                        assertEquals(SAMPLES, count(service, name, now), name);
                    }
                    assertEquals(LocalKafka.endOffset(kafka.bootstrapServers(), "vigil.metrics", 0),
                            LocalKafka.committedOffset(kafka.bootstrapServers(), "vigil-metrics", "vigil.metrics", 0), "offsets committed to the end");
                });
            }
        }
    }

    private static void publish(BatchPublisher publisher, String name, long now) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new Sample(now - (SAMPLES - i) * 1_000L, i));
        }
        publisher.publishMetrics(List.of(new MetricSeries(Labels.of("__name__", name, "job", "disk-full-it"), samples)))
                .get(30, TimeUnit.SECONDS);
    }

    private double count(ServiceProcess service, String name, long now) throws IOException {
        String q = "count_over_time(" + name + "[30m])";
        String body = service.get("/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + now / 1000.0)
                .orElse("{\"data\":{\"result\":[]}}");
        JsonNode result = json.readTree(body).path("data").path("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
