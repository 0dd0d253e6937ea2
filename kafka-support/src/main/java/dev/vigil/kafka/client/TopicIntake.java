package dev.vigil.kafka.client;

import dev.vigil.model.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * What a service needs to turn another topic into Vigil's records (the OpenTelemetry intakes): a
 * consumer of {@code topic} in its own group, without auto-commit, starting a new group at the
 * earliest offset (what was written before the first start is wanted too); an
 * {@link AtLeastOnceLoop} on a daemon thread; and a producer for {@code vigil.deadletter}.
 */
public final class TopicIntake implements AutoCloseable {
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final String topic;
    private AtLeastOnceLoop loop;
    private Thread thread;

    public TopicIntake(KafkaClientConfig kafka, String groupId, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = ProducerFactory.create(kafka, groupId + "-deadletter");
    }

    /** Starts polling; {@code handler} may call {@link #deadLetter} from the intake's thread. */
    public void start(AtLeastOnceLoop.Handler handler, String threadName) {
        loop = new AtLeastOnceLoop(consumer, topic, handler, RETRY_BACKOFF);
        thread = new Thread(loop, threadName);
        // Never the thread that keeps the JVM alive: close() ends it, and a stuck publish must not block exit.
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends a record that does not decode to {@code vigil.deadletter}, as it was, with where it came from and why. */
    public Future<RecordMetadata> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        return deadLetters.send(new ProducerRecord<>(Topics.DEADLETTER, null, record.key(), record.value(),
                DeadLetter.headers(record.topic(), record.partition(), record.offset(), reason)));
    }

    /** Stops the loop (what was not committed is read again on the next start) and closes the clients. */
    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            loop.stop();
            thread.join(Duration.ofSeconds(15).toMillis());
        } else {
            consumer.close(); // never started: the loop did not take it over
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}
