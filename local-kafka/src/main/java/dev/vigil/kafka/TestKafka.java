package dev.vigil.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A broker for one test run: Testcontainers' Kafka when a Docker engine answers, otherwise the
 * in-JVM KRaft broker on a fresh temporary folder. Either way, a new empty cluster.
 */
public final class TestKafka implements AutoCloseable {
    private final String bootstrapServers;
    private final AutoCloseable owner;
    private final Path tempDir;

    private TestKafka(String bootstrapServers, AutoCloseable owner, Path tempDir) {
        this.bootstrapServers = bootstrapServers;
        this.owner = owner;
        this.tempDir = tempDir;
    }

    public static TestKafka start() {
        if (DockerProbe.available()) {
            DockerKafka container = DockerKafka.start();
            return new TestKafka(container.bootstrapServers(), container, null);
        }
        QuietLogging.apply();
        try {
            Path dir = Files.createTempDirectory("vigil-test-kafka");
            LocalKafka kafka = LocalKafka.start(dir, 0);
            return new TestKafka(kafka.bootstrapServers(), kafka, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the test broker failed", e);
        } finally {
            deleteRecursively(tempDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
