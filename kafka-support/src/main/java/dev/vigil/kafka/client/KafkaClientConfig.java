package dev.vigil.kafka.client;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every Kafka client of a service shares: bootstrap servers and, against a secured
 * cluster, {@code security.protocol}, {@code sasl.*} and {@code ssl.*}. A service takes them from
 * its one {@code kafka.*} configuration block (the block Kafka Streams also reads), so each
 * hand-built producer, consumer and admin client connects exactly as the Streams application does;
 * a client adds only what is its own (client id, group, serializers' needs).
 */
public record KafkaClientConfig(Map<String, Object> common) {
    public KafkaClientConfig {
        common = Map.copyOf(common);
        if (!common.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no bootstrap.servers in the Kafka client settings (kafka.bootstrap.servers)");
        }
    }

    /** A plain-text cluster at {@code bootstrapServers}: tests and the local run. */
    public static KafkaClientConfig of(String bootstrapServers) {
        return new KafkaClientConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The shared settings with a client's own added; the client's win where both name a key. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
