package dev.vigil.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: a fresh Kafka per test run (Testcontainers' Kafka when Docker is
 * available, the in-JVM KRaft broker otherwise) with Vigil's topics, and a fresh Kafka Streams
 * state dir, since a stale state dir against a new broker corrupts counts.
 * Argument {@code partitions} (default 2) sets the partition count of every topic.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private TestKafka kafka;
    private Path stateDir;
    private int partitions = 2;

    @Override
    public void init(Map<String, String> initArgs) {
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "2"));
    }

    @Override
    public Map<String, String> start() {
        kafka = TestKafka.start();
        LocalKafka.createVigilTopics(kafka.bootstrapServers(), partitions);
        try {
            stateDir = Files.createTempDirectory("vigil-streams-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers());
        config.put("kafka-streams.state.dir", stateDir.toString());
        config.put("vigil.data-dir", stateDir.resolve("data").toString());
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        TestKafka.deleteRecursively(stateDir);
    }
}
