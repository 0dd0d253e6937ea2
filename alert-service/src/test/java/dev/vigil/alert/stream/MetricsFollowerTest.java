package dev.vigil.alert.stream;

import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The follower on a real broker: it reads what was written before it started (within the
 * window) before it calls itself ready, keeps only watched series, tells which owners got
 * samples, skips a record that does not decode, and stops being ready past its series limit.
 */
class MetricsFollowerTest {
    private static TestKafka kafka;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void broker() {
        kafka = TestKafka.start();
        LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        kafka.close();
    }

    @Test
    void readsTheBacklogKeepsWatchedSeriesAndTellsOwners() throws Exception {
        Labels before = Labels.of(Labels.METRIC_NAME, "backlog_metric", "job", "a");
        send(before, 5);
        ConcurrentLinkedQueue<Set<String>> told = new ConcurrentLinkedQueue<>();
        List<MetricsFollower.Watch<String>> watches = List.of(
                new MetricsFollower.Watch<>("group-a", List.of(LabelMatcher.equal(Labels.METRIC_NAME, "backlog_metric"))),
                new MetricsFollower.Watch<>("group-b", List.of(LabelMatcher.equal(Labels.METRIC_NAME, "live_metric"))));
        try (MetricsFollower<String> f = new MetricsFollower<>(KafkaClientConfig.of(kafka.bootstrapServers()), watches,
                600_000, 600_000, 100, told::add, Clock.systemUTC()).start()) {
            await(f::ready, "ready after reading the backlog");
            assertEquals(1, f.store().size(), "the sample written before the start was read");
            assertTrue(told.isEmpty(), "samples read while catching up trigger nothing: " + told);

            producer.send(new ProducerRecord<>(Topics.METRICS, "not a metric batch".getBytes(StandardCharsets.UTF_8))).get();
            send(Labels.of(Labels.METRIC_NAME, "unwatched", "job", "a"), 1);
            send(Labels.of(Labels.METRIC_NAME, "live_metric", "job", "a"), 7);
            await(() -> told.stream().anyMatch(s -> s.contains("group-b")), "group-b told of its sample");
            assertFalse(told.stream().anyMatch(s -> s.contains("group-a")), "group-a got no new sample");
            assertEquals(2, f.store().size(), "the unwatched series is not kept");
            await(() -> f.undecodable() == 1, "the undecodable record counted and skipped");
            assertTrue(f.ready());
        }
    }

    @Test
    void stopsBeingReadyPastItsSeriesLimit() throws Exception {
        List<MetricsFollower.Watch<String>> watches = List.of(
                new MetricsFollower.Watch<>("g", List.of(LabelMatcher.equal(Labels.METRIC_NAME, "limited"))));
        try (MetricsFollower<String> f = new MetricsFollower<>(KafkaClientConfig.of(kafka.bootstrapServers()), watches,
                600_000, 600_000, 2, s -> { }, Clock.systemUTC()).start()) {
            await(f::ready, "ready");
            send(Labels.of(Labels.METRIC_NAME, "limited", "i", "1"), 1);
            send(Labels.of(Labels.METRIC_NAME, "limited", "i", "2"), 1);
            await(() -> f.store().size() == 2, "two series held");
            assertTrue(f.ready(), "at the limit it is still exact");
            send(Labels.of(Labels.METRIC_NAME, "limited", "i", "3"), 1);
            await(() -> !f.ready(), "past the limit the rules go back to the query API");
        }
    }

    @Test
    void aSeriesForgottenWhenQuietIsKeptAgainWhenItResumes() throws Exception {
        Labels quiet = Labels.of(Labels.METRIC_NAME, "quiet_metric", "i", "1");
        ConcurrentLinkedQueue<Set<String>> told = new ConcurrentLinkedQueue<>();
        List<MetricsFollower.Watch<String>> watches = List.of(
                new MetricsFollower.Watch<>("q", List.of(LabelMatcher.equal(Labels.METRIC_NAME, "quiet_metric"))));
        // a one-second window: the series is forgotten a second after its last sample
        try (MetricsFollower<String> f = new MetricsFollower<>(KafkaClientConfig.of(kafka.bootstrapServers()), watches,
                1_000, 600_000, 100, told::add, Clock.systemUTC()).start()) {
            await(f::ready, "ready");
            send(quiet, 1);
            await(() -> f.store().size() == 1, "held");
            await(() -> f.store().size() == 0, "forgotten once quiet for longer than the window");
            told.clear();
            send(quiet, 2);
            await(() -> !told.isEmpty(), "its owner told of the new sample");
            assertEquals(1, f.store().size(), "held again");
            assertEquals(1, f.store().select(0, Long.MAX_VALUE - 1, List.of(LabelMatcher.equal(Labels.METRIC_NAME, "quiet_metric"))).size());
        }
    }

    private static void send(Labels labels, double value) throws Exception {
        byte[] record = MetricCodec.encode(List.of(new MetricSeries(labels, List.of(new Sample(System.currentTimeMillis(), value)))));
        producer.send(new ProducerRecord<>(Topics.METRICS, record)).get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
