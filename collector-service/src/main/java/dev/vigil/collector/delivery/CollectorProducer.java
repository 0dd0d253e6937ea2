package dev.vigil.collector.delivery;

import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.kafka.client.ProducerFactory;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/**
 * The collector's Kafka producer: the settings of every Vigil batch writer (idempotent,
 * {@code acks=all}, zstd, batched), with a short {@code max.block.ms} so a call never waits long
 * for a broker that is not there.
 *
 * <p>The delivery timeout stays long on purpose. A record the producer has sent may have been
 * written by a broker that went down before answering; the producer retries it with the same
 * sequence number, which the broker recognises after its restart, so it is written once. Giving
 * up on it early and sending it again from the spool would write it twice. {@link Delivery}
 * therefore notices an outage by its own watchdog (a send unanswered for a few seconds) and
 * spools only batches the producer never saw.
 */
public final class CollectorProducer {
    /** A record the producer holds is retried this long before it fails and goes to the spool. */
    public static final int DELIVERY_TIMEOUT_MS = 180_000;
    /** Each produce request waits this long for an answer before the client retries it (same sequence). */
    public static final int REQUEST_TIMEOUT_MS = 10_000;
    /** {@code send} and {@code partitionsFor} wait this long for metadata of a broker that is not there. */
    public static final int MAX_BLOCK_MS = 5_000;

    private CollectorProducer() {
    }

    public static Producer<byte[], byte[]> create(KafkaClientConfig kafka, String clientId) {
        return ProducerFactory.create(kafka, clientId, Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000,
                // Only what was sent before the watchdog noticed an outage waits in memory; the rest waits on disk.
                ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024));
    }
}
