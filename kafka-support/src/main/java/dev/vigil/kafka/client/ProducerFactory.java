package dev.vigil.kafka.client;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** Producer settings of every Vigil writer of metric and log batches: idempotent, acks=all, zstd, batched. */
public final class ProducerFactory {
    private ProducerFactory() {
    }

    public static Producer<byte[], byte[]> create(KafkaClientConfig kafka, String clientId) {
        return create(kafka, clientId, Map.of());
    }

    /** As {@link #create(KafkaClientConfig, String)}, with settings of this producer added or replaced (timeouts). */
    public static Producer<byte[], byte[]> create(KafkaClientConfig kafka, String clientId, Map<String, Object> overrides) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.putAll(overrides);
        return new KafkaProducer<>(kafka.with(c), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
