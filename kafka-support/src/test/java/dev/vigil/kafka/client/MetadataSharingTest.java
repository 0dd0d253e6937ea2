package dev.vigil.kafka.client;

import dev.vigil.kafka.TestKafka;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metric metadata through the compacted topic on a real broker: a {@link MetadataPublisher} sends
 * each description once and a changed one again; a {@link CompactedTopicFollower} started later
 * reads everything from the beginning and what comes after.
 */
class MetadataSharingTest {
    private static TestKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestKafka.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.METRIC_METADATA, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }

    @Test
    void eachDescriptionIsSentOnceAndEveryFollowerReadsThemAll() throws Exception {
        KafkaClientConfig config = KafkaClientConfig.of(kafka.bootstrapServers());
        MetricMetadataRecord load = new MetricMetadataRecord("default", "node_load1", "gauge", "1m load average.", "");
        MetricMetadataRecord cpu = new MetricMetadataRecord("default", "node_cpu_seconds_total", "counter", "Seconds the CPUs spent.", "seconds");
        List<String> read = new CopyOnWriteArrayList<>();
        try (BatchPublisher batches = BatchPublisher.open(config, "test-" + UUID.randomUUID(), Map.of());
             MetadataPublisher publisher = new MetadataPublisher(batches)) {
            publisher.offer(List.of(load, cpu));
            publisher.offer(List.of(load, cpu)); // a scrape later: nothing new
            try (CompactedTopicFollower follower = CompactedTopicFollower.start(config, Topics.METRIC_METADATA,
                    (key, value) -> read.add(new String(key, StandardCharsets.UTF_8) + " " + MetricMetadataRecord.fromJson(value).help()))) {
                await("the follower reads what was sent before it started", () -> read.size() >= 2);
                MetricMetadataRecord changed = new MetricMetadataRecord("default", "node_load1", "gauge", "Load average over 1 minute.", "");
                publisher.offer(List.of(changed, cpu));
                await("and what is sent after", () -> read.size() >= 3);
                Thread.sleep(500); // nothing more arrives
            }
            assertEquals(0, publisher.failures());
        }
        assertEquals(List.of("default\nnode_load1\ngauge 1m load average.", "default\nnode_cpu_seconds_total\ncounter Seconds the CPUs spent.",
                "default\nnode_load1\ngauge Load average over 1 minute."), read);
        assertEquals(load, MetricMetadataRecord.fromJson(load.toJson()));
    }
}
