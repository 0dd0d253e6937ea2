package dev.vigil.kafka;

import org.testcontainers.kafka.KafkaContainer;

/** Testcontainers' Kafka (the apache/kafka image of the version Vigil builds against, KRaft mode). */
final class DockerKafka implements AutoCloseable {
    static final String IMAGE = "apache/kafka:4.1.1";
    private final KafkaContainer container;

    private DockerKafka(KafkaContainer container) {
        this.container = container;
    }

    static DockerKafka start() {
        KafkaContainer c = new KafkaContainer(IMAGE);
        c.start();
        return new DockerKafka(c);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
