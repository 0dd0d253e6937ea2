package dev.vigil.logs.otlp;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtLeastOnceLoopTest {
    private static final String TOPIC = "otlp_logs";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private void assign() {
        consumer.subscribe(List.of(TOPIC));
        consumer.rebalance(List.of(TP));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
    }

    private void deliver(long... offsets) {
        for (long o : offsets) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, o, new byte[0], new byte[]{(byte) o}));
        }
    }

    private OffsetAndMetadata committed() {
        return consumer.committed(Set.of(TP)).get(TP);
    }

    @Test
    void aFailedPublishCommitsNothingAndReadsTheSameRecordsAgain() throws Exception {
        List<List<Long>> handled = new ArrayList<>();
        AtLeastOnceLoop loop = new AtLeastOnceLoop(consumer, TOPIC, batch -> {
            List<Long> offsets = new ArrayList<>();
            batch.forEach(r -> offsets.add(r.offset()));
            handled.add(offsets);
            if (handled.size() == 1) {
                throw new IllegalStateException("broker unavailable");
            }
        }, Duration.ZERO);
        assign();
        deliver(0, 1);

        loop.pollOnce();
        assertNull(committed(), "nothing is committed while the publish failed");
        assertEquals(0, consumer.position(TP), "the consumer is rewound to the failed poll's first record");

        deliver(0, 1);
        loop.pollOnce();
        assertEquals(2, committed().offset());
        assertEquals(List.of(List.of(0L, 1L), List.of(0L, 1L)), handled);
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheHandlerReturned() throws Exception {
        List<OffsetAndMetadata> seenInHandler = new ArrayList<>();
        AtLeastOnceLoop loop = new AtLeastOnceLoop(consumer, TOPIC, batch -> seenInHandler.add(committed()), Duration.ZERO);
        assign();
        deliver(0, 1, 2);
        loop.pollOnce();
        assertEquals(1, seenInHandler.size());
        assertNull(seenInHandler.get(0));
        assertEquals(3, committed().offset());
    }

    @Test
    void stopEndsTheRunningLoopAndClosesTheConsumer() throws Exception {
        AtLeastOnceLoop loop = new AtLeastOnceLoop(consumer, TOPIC, batch -> { }, Duration.ZERO);
        Thread t = new Thread(loop);
        t.start();
        loop.stop();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertTrue(consumer.closed());
    }
}
