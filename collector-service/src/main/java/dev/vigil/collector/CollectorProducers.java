package dev.vigil.collector;

import dev.vigil.model.kafka.BatchPublisher;
import dev.vigil.model.kafka.ProducerFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** CDI wiring of the Kafka producer shared by every publisher of this collector. */
@ApplicationScoped
public class CollectorProducers {
    private final Producer<byte[], byte[]> producer;

    public CollectorProducers(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, NodeIdentity id) {
        this.producer = ProducerFactory.create(bootstrap, "vigil-collector-" + id.node());
    }

    @Produces
    @Singleton
    BatchPublisher publisher() {
        return new BatchPublisher(producer);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
