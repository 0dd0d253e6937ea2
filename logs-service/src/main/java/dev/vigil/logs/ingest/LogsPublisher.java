package dev.vigil.logs.ingest;

import dev.vigil.kafka.client.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.logs.config.LogsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** Makes the one publisher that Loki push and OTLP intake share: batches go to {@code vigil.logs} by stream partition. */
@ApplicationScoped
public class LogsPublisher {
    @Produces
    @Singleton
    BatchPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, LogsConfig config) {
        // A push waits for its acknowledgement: lingering would only delay the answer.
        return BatchPublisher.open(new KafkaClientConfig(kafka), "vigil-logs-push", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0),
                config.push().maxRecordBytes());
    }

    void close(@Disposes BatchPublisher publisher) {
        publisher.close();
    }
}
