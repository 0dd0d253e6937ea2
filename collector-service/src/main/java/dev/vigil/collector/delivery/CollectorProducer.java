package dev.vigil.collector.delivery;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
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

    public static Producer<byte[], byte[]> create(String bootstrapServers, String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        // Only what was sent before the watchdog noticed an outage waits in memory; the rest waits on disk.
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
