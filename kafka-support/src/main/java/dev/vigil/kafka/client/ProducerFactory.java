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

    public static Producer<byte[], byte[]> create(String bootstrapServers, String clientId) {
        return create(bootstrapServers, clientId, Map.of());
    }

    /** As {@link #create(String, String)}, with settings added or replaced (timeouts, TLS/SASL). */
    public static Producer<byte[], byte[]> create(String bootstrapServers, String clientId, Map<String, Object> overrides) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.putAll(overrides);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
