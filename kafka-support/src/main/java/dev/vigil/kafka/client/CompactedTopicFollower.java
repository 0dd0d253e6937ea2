package dev.vigil.kafka.client;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows a compacted state topic on every instance: all its partitions by assignment (in no
 * consumer group), from the beginning, each record handed to {@code apply} (a null value is a
 * tombstone; records without a key are skipped), for as long as the service runs.
 * {@link #caughtUp()} turns true once the topic was read to the end it had when reading began,
 * so a reader can refuse to answer from a partial state. Kafka errors are logged and the topic
 * read again from the start five seconds later, which {@code apply} must take (it is idempotent
 * per key); {@code apply} handles its own records' errors.
 */
public final class CompactedTopicFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactedTopicFollower.class);

    /** Takes one record: its key and value, null for a tombstone. */
    @FunctionalInterface
    public interface Apply {
        void record(byte[] key, byte[] value);
    }

    private final KafkaClientConfig kafka;
    private final String topic;
    private final Apply apply;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    private CompactedTopicFollower(KafkaClientConfig kafka, String topic, Apply apply) {
        this.kafka = kafka;
        this.topic = topic;
        this.apply = apply;
        this.thread = new Thread(this::follow, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts following {@code topic} on a thread of its own. */
    public static CompactedTopicFollower start(KafkaClientConfig kafka, String topic, Apply apply) {
        CompactedTopicFollower f = new CompactedTopicFollower(kafka, topic, apply);
        f.thread.start();
        return f;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.with(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    return;
                }
                List<TopicPartition> parts = new ArrayList<>();
                for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(topic, p.partition()));
                }
                if (parts.isEmpty()) {
                    throw new KafkaException("topic " + topic + " has no partitions");
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofSeconds(1))) {
                        if (r.key() != null) {
                            apply.record(r.key(), r.value());
                        }
                    }
                    if (!caughtUp && reached(c, end)) {
                        caughtUp = true;
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException e) {
                if (running) {
                    LOG.warnf("reading %s: %s; reading it again in 5 s", topic, e.getMessage());
                    pause();
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the topic was read to its end once: from then on the follower's state holds every record written before. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void pause() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops following; waits up to ten seconds for the thread. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
