package dev.vigil.alert.kafka;

import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes every notification to {@code vigil.alerts} as Alertmanager webhook JSON (version 4),
 * keyed by group key so one group's notifications stay in order, and keeps the compacted state
 * topics (alert state, silences, notification log) written by key.
 */
public final class AlertTopicPublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;

    public AlertTopicPublisher(KafkaClientConfig kafka) {
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-alert-service")),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes one notification; the future completes when Kafka has it. */
    public CompletableFuture<Void> notification(String groupKey, String webhookJson) {
        return send(Topics.ALERTS, groupKey, webhookJson.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes (or with a null value, deletes) a key of a compacted state topic. */
    public CompletableFuture<Void> state(String topic, String key, byte[] valueOrNull) {
        return send(topic, key, valueOrNull);
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
            if (ex != null) {
                done.completeExceptionally(ex);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
