package dev.vigil.metrics.ingest;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.ProducerFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/** The producer behind the remote-write receiver: batches go to {@code vigil.metrics} by series partition. */
@ApplicationScoped
public class MetricsPublisher {
    private final Producer<byte[], byte[]> producer;
    private final BatchPublisher publisher;

    public MetricsPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                            MetricsConfig config) {
        this.producer = ProducerFactory.create(bootstrap, "vigil-metrics-remote-write", Map.of(
                // Each HTTP request waits for its acknowledgement, so lingering only delays the answer;
                // under load records still batch while earlier requests are in flight.
                ProducerConfig.LINGER_MS_CONFIG, config.remoteWrite().lingerMs(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, config.remoteWrite().compression()));
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
