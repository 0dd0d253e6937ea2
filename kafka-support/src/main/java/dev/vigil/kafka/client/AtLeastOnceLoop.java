package dev.vigil.kafka.client;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * A poll, handle, commit loop for a service that turns another topic's records into Vigil's (the
 * OpenTelemetry intakes), apart from Quarkus so that a test drives it poll by poll against a broker: offsets are committed only after the handler returned (everything the
 * poll produced is acknowledged); when it throws, the consumer seeks back to the poll's first
 * records and reads them again after a pause, so a failed publish is retried, never skipped.
 */
public final class AtLeastOnceLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(AtLeastOnceLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Handles one poll's records; returns only when all their output is acknowledged. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecords<byte[], byte[]> batch) throws Exception;
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Handler handler;
    private final Duration retryBackoff;
    private volatile boolean running = true;

    public AtLeastOnceLoop(Consumer<byte[], byte[]> consumer, String topic, Handler handler, Duration retryBackoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public void run() {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // stop() asked; what was not committed is read again after the restart
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("intake of " + topic + " stopped", e);
        }
    }

    /** Any thread may stop the loop; a poll or commit in progress ends with a wakeup. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** One poll, handled and committed, or rewound when the handler failed. */
    public void pollOnce() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        if (batch.isEmpty()) {
            return;
        }
        try {
            handler.handle(batch);
        } catch (InterruptedException | WakeupException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("records of " + topic + " not published, reading them again: " + e);
            for (TopicPartition tp : batch.partitions()) {
                consumer.seek(tp, batch.records(tp).get(0).offset());
            }
            Thread.sleep(retryBackoff.toMillis());
            return;
        }
        consumer.commitSync();
    }
}
