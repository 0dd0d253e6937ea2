package dev.vigil.metrics.it;

import dev.vigil.kafka.client.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention runs in the packaged service: with two minutes of retention and upkeep every two
 * seconds, samples written over the last twenty minutes (straight to {@code vigil.metrics}, as a
 * collector writes them) are cut to the last two minutes in query answers and in what the local
 * TSDBs hold, and the retention cutoff on /q/metrics follows the clock.
 */
class RetentionIT {
    private static final Labels SERIES = Labels.of("__name__", "retention_test", "job", "it");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void samplesOlderThanRetentionLeaveAnswersAndTheStores() throws Exception {
        withService(2, Map.of(
                "vigil.metrics.storage.retention", "2m",
                "vigil.metrics.storage.out-of-order-window", "30m",
                "vigil.metrics.storage.maintenance-interval", "2s",
                "vigil.metrics.storage.commit-interval", "1s"), (service, publisher) -> {
            long now = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            for (long t = now - 20 * 60_000L; t <= now; t += 1_000L) { // 1,201 samples: ten chunks and more
                samples.add(new Sample(t, 1));
            }
            publisher.publishMetrics(List.of(new MetricSeries(SERIES, samples))).get(30, TimeUnit.SECONDS);

            // within a few upkeep runs only the last two minutes are answered
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                double kept = value(service, "count_over_time(retention_test[30m])", System.currentTimeMillis());
                assertTrue(kept > 0 && kept <= 130, "samples answered over the last 30 minutes: " + kept);
            });
            // the stores drop whole chunks: what they still hold is the last two minutes and at most
            // the one chunk that straddles the cutoff. Answers are cut at the cutoff at once, the
            // chunks go at the first upkeep whose cutoff is past them (samples that arrived after an
            // upkeep wait for the next), so this holds within an upkeep or two.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                double held = service.gauge("vigil_metrics_storage_samples");
                assertTrue(held > 0 && held <= 130 + 240, "raw samples the TSDBs hold: " + held);
            });
            double cutoff = service.gauge("vigil_metrics_storage_retention_cutoff_seconds");
            double expected = (System.currentTimeMillis() - 120_000L) / 1000.0;
            assertTrue(Math.abs(cutoff - expected) < 60, "retention cutoff " + cutoff + " vs now - 2m " + expected);
        });
    }

    @Test
    void aSizeCapKeepsEachPartitionWithinItsBytes() throws Exception {
        withService(1, Map.of(
                "vigil.metrics.storage.max-partition-bytes", "2000",
                "vigil.metrics.storage.out-of-order-window", "30m",
                "vigil.metrics.storage.maintenance-interval", "2s",
                "vigil.metrics.storage.commit-interval", "1s"), (service, publisher) -> {
            long now = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            for (long t = now - 20 * 60_000L; t <= now; t += 1_000L) {
                samples.add(new Sample(t, Math.sin(t / 1000.0))); // full-precision floats: ~8 bytes a sample
            }
            publisher.publishMetrics(List.of(new MetricSeries(SERIES, samples))).get(30, TimeUnit.SECONDS);

            // held and answered are read together: a partition replayed (after a rebalance, say) holds
            // every sample again until its next upkeep, so one reading of the gauge alone can be stale
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                double held = service.gauge("vigil_metrics_storage_samples");
                // 2,000 bytes of closed chunks is a few hundred such samples, plus the open chunk
                assertTrue(held > 0 && held < 600, "raw samples the TSDB holds: " + held);
                double answered = value(service, "count_over_time(retention_test[30m])", System.currentTimeMillis());
                assertTrue(answered > 0 && answered < 600, "samples answered over 30 minutes: " + answered);
            });
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

    private double value(ServiceProcess service, String query, long timeMs) throws IOException {
        String body = service.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + timeMs / 1000.0)
                .orElse("{\"data\":{\"result\":[]}}");
        JsonNode result = json.readTree(body).path("data").path("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
