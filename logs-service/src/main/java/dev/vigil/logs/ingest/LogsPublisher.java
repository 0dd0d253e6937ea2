package dev.vigil.logs.ingest;

import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.ProducerFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/** The producer behind the push API: batches go to {@code vigil.logs} by stream partition. */
@ApplicationScoped
public class LogsPublisher {
    private final Producer<byte[], byte[]> producer;
    private final BatchPublisher publisher;

    public LogsPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.producer = ProducerFactory.create(bootstrap, "vigil-logs-push",
                // Each HTTP request waits for its acknowledgement, so lingering only delays the answer;
                // under load records still batch while earlier requests are in flight.
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
        this.publisher = new BatchPublisher(producer);
    }

    public BatchPublisher publisher() {
        return publisher;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
