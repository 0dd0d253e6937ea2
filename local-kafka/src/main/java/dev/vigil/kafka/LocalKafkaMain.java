package dev.vigil.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local broker until interrupted: {@code --port 9092 --data-dir data/kafka --partitions 4}.
 * Creates Vigil's topics on start; Ctrl-C (SIGINT/SIGTERM) shuts the broker down cleanly.
 */
public final class LocalKafkaMain {
    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        int partitions = 4;
        Path data = Path.of("data", "kafka");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> data = Path.of(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: LocalKafkaMain [--port N] [--data-dir DIR] [--partitions N]");
                    System.exit(2);
                }
            }
        }
        QuietLogging.apply();
        LocalKafka kafka = LocalKafka.start(data, port);
        kafka.createVigilTopics(partitions);
        System.out.println("Kafka (KRaft, single node) ready on " + kafka.bootstrapServers() + ", data in " + data.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        stopped.await();
    }
}
