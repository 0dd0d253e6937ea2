package dev.vigil.metrics.ingest;

import dev.vigil.kafka.client.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.metrics.config.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** Makes the one publisher that remote write and OTLP intake share: batches go to {@code vigil.metrics} by series partition. */
@ApplicationScoped
public class MetricsPublisher {
    @Produces
    @Singleton
    BatchPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, MetricsConfig config) {
        // Each HTTP request waits for its acknowledgement, so lingering only delays the answer;
        // under load records still batch while earlier requests are in flight.
        return BatchPublisher.open(new KafkaClientConfig(kafka), "vigil-metrics-remote-write", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, config.remoteWrite().lingerMs(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, config.remoteWrite().compression()),
                config.remoteWrite().maxRecordBytes());
    }

    void close(@Disposes BatchPublisher publisher) {
        publisher.close();
    }
}
