package dev.vigil.kafka.client;

import dev.vigil.kafka.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenTelemetry intakes' poll/publish/commit loop against a real broker. */
class AtLeastOnceLoopTest {
    private static TestKafka kafka;

    private final String topic = "otlp-" + UUID.randomUUID();
    private final TopicPartition tp = new TopicPartition(topic, 0);

    @BeforeAll
    static void startBroker() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** A one-partition topic holding records whose values are their indexes. */
    private void produce(int records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                p.send(new ProducerRecord<>(topic, 0, null, new byte[]{(byte) i})).get();
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    private static void pollUntil(AtLeastOnceLoop loop, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the loop did not get there within 60 s");
            }
            loop.pollOnce();
        }
    }

    private OffsetAndMetadata committed(KafkaConsumer<byte[], byte[]> c) {
        return c.committed(Set.of(tp)).get(tp);
    }

    @Test
    void aFailedPublishCommitsNothingAndReadsTheSameRecordsAgain() throws Exception {
        produce(2);
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<List<Long>> handled = new ArrayList<>();
            AtLeastOnceLoop loop = new AtLeastOnceLoop(c, topic, batch -> {
                List<Long> offsets = new ArrayList<>();
                batch.forEach(r -> offsets.add(r.offset()));
                handled.add(offsets);
                if (handled.size() == 1) {
                    throw new IllegalStateException("broker unavailable");
                }
            }, Duration.ZERO);

            pollUntil(loop, () -> !handled.isEmpty());
            assertNull(committed(c), "nothing is committed while the publish failed");
            assertEquals(0, c.position(tp), "the consumer is rewound to the failed poll's first record");

            pollUntil(loop, () -> committed(c) != null && committed(c).offset() == 2);
            assertEquals(handled.get(0), handled.get(1), "the same records are handled again");
            assertEquals(0L, handled.get(1).get(0));
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheHandlerReturned() throws Exception {
        produce(3);
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<Long> committedInHandler = new ArrayList<>();
            List<Long> handled = new ArrayList<>();
            AtLeastOnceLoop loop = new AtLeastOnceLoop(c, topic, batch -> {
                OffsetAndMetadata before = committed(c);
                committedInHandler.add(before == null ? -1L : before.offset());
                batch.forEach(r -> handled.add(r.offset()));
            }, Duration.ZERO);

            pollUntil(loop, () -> handled.size() == 3);
            assertEquals(-1L, committedInHandler.get(0), "nothing committed before the first batch was handled");
            assertEquals(3, committed(c).offset());
        }
    }

    @Test
    void stopEndsTheRunningLoopAndClosesTheConsumer() throws Exception {
        produce(1);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + topic, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        AtLeastOnceLoop loop = new AtLeastOnceLoop(c, topic, batch -> { }, Duration.ZERO);
        Thread t = new Thread(loop);
        t.start();
        loop.stop();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertThrows(IllegalStateException.class, c::subscription, "the consumer is closed");
    }
}
