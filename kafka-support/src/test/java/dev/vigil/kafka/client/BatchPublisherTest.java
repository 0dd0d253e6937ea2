package dev.vigil.kafka.client;

import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches larger than one Kafka record are split (by series or stream, then by samples or
 * entries) against a real broker, and what can never fit is refused before anything is sent.
 */
class BatchPublisherTest {
    private static final int MAX = 100_000;
    private static TestKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestKafka.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.METRICS, 2, (short) 1), new NewTopic(Topics.LOGS, 2, (short) 1)))
                    .all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static BatchPublisher publisher() {
        return BatchPublisher.open(KafkaClientConfig.of(kafka.bootstrapServers()), "test-" + UUID.randomUUID(), Map.of(), MAX);
    }

    private static List<byte[]> readAll(String topic, int atLeastBytes) {
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "read-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int bytes = 0;
            while (bytes < atLeastBytes && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.add(r.value());
                    bytes += r.value().length;
                }
            }
        }
        return out;
    }

    @Test
    void manySeriesAndALongSeriesAreSplitBelowTheRecordLimit() throws Exception {
        List<MetricSeries> series = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            series.add(new MetricSeries(Labels.of("__name__", "m", "i", Integer.toString(i), "pad", "x".repeat(200)),
                    List.of(new Sample(i, i))));
        }
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(new Sample(i, Math.random()));
        }
        series.add(new MetricSeries(Labels.of("__name__", "long"), many));
        int encoded = MetricCodec.encode(series).length;
        assertTrue(encoded > 5 * MAX, "the batch must need several records: " + encoded);
        try (BatchPublisher p = publisher()) {
            p.publishMetrics(series).get(60, TimeUnit.SECONDS);
        }
        List<byte[]> records = readAll(Topics.METRICS, encoded);
        int seriesSeen = 0;
        int samplesSeen = 0;
        for (byte[] r : records) {
            assertTrue(r.length <= MAX, "record of " + r.length + " bytes");
            for (MetricSeries s : MetricCodec.decode(r)) {
                seriesSeen += s.labels().get("__name__").equals("m") ? 1 : 0;
                samplesSeen += s.samples().size();
            }
        }
        assertEquals(3_000, seriesSeen);
        assertEquals(3_000 + 20_000, samplesSeen);
    }

    @Test
    void aLongStreamIsSplitByEntriesAndAnEntryThatCannotFitIsRefused() throws Exception {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(new LogEntry(i, "line " + i + " " + "y".repeat(300)));
        }
        LogStream stream = new LogStream(Labels.of("app", "split"), entries);
        try (BatchPublisher p = publisher()) {
            p.publishLogs(List.of(stream)).get(60, TimeUnit.SECONDS);
            LogStream huge = new LogStream(Labels.of("app", "huge"), List.of(new LogEntry(1, "z".repeat(MAX + 1))));
            OversizedRecordException e = assertThrows(OversizedRecordException.class,
                    () -> p.publishLogs(List.of(stream, huge)));
            assertTrue(e.getMessage().contains("over the largest Kafka record of 100000 bytes"), e.getMessage());
        }
        List<byte[]> records = readAll(Topics.LOGS, LogCodec.encode(List.of(stream)).length);
        List<LogEntry> seen = new ArrayList<>();
        Consumer<byte[]> collect = r -> LogCodec.decode(r).forEach(s -> seen.addAll(s.entries()));
        for (byte[] r : records) {
            assertTrue(r.length <= MAX, "record of " + r.length + " bytes");
            collect.accept(r);
        }
        // the refused batch sent nothing: only the first push's entries are there, in order
        assertEquals(entries, seen);
    }
}
