package dev.vigil.collector.delivery;

import dev.vigil.kafka.client.KafkaClientConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.logs.LogFileTarget;
import dev.vigil.collector.logs.LogTailer;
import dev.vigil.collector.logs.LogTailerConfig;
import dev.vigil.collector.spool.DiskSpool;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.NodeOs;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import dev.vigil.kafka.client.BatchPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's delivery path across a broker outage: a log file grows at a steady rate and
 * host-metric-like series are published every 200 ms while the broker is stopped for 60 s and
 * started again on the same data; afterwards every line and every sample is in the topics
 * exactly once.
 */
class DeliveryBrokerOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration BEFORE_AND_AFTER = Duration.ofSeconds(8);
    private static final int SERIES = 5;

    @TempDir
    Path dir;

    @Test
    void everyLineAndSampleArrivesExactlyOnceAfterSixtySecondsWithoutBroker() throws Exception {
        int port = freePort();
        Path kafkaDir = dir.resolve("kafka");
        LocalKafka kafka = LocalKafka.start(kafkaDir, port);
        String bootstrap = kafka.bootstrapServers();
        LocalKafka.createVigilTopics(bootstrap, 3);

        Path logFile = dir.resolve("app.log");
        Files.createFile(logFile);
        Producer<byte[], byte[]> producer = CollectorProducer.create(KafkaClientConfig.of(bootstrap), "outage-test");
        Delivery delivery = new Delivery(new BatchPublisher(producer), t -> producer.partitionsFor(t).size(),
                DiskSpool.open(dir.resolve("spool"), 64L << 20), Duration.ofSeconds(1), Duration.ofSeconds(5));
        LogTailerConfig tc = LogTailerConfig.forNode("node-1", NodeOs.LINUX, dir.resolve("positions.json"))
                .withPodLogRoot(Optional.empty())
                .withFiles(List.of(new LogFileTarget(logFile, Labels.of("job", "file", "filename", "app.log"))))
                .withPollInterval(Duration.ofMillis(250));
        LogTailer tailer = new LogTailer(tc, delivery::publishLines, Clock.systemUTC());

        AtomicInteger lines = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        load.scheduleAtFixedRate(() -> appendLine(logFile, lines.getAndIncrement()), 0, 10, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(() -> delivery.publishMetrics(metricBatch(samples.getAndIncrement())), 0, 200,
                TimeUnit.MILLISECONDS);
        tailer.start();

        Thread.sleep(BEFORE_AND_AFTER.toMillis());
        kafka.close();
        Thread.sleep(OUTAGE.toMillis());
        boolean spooledDuringOutage = delivery.spooling() && delivery.spool().size() > 0;
        kafka = LocalKafka.start(kafkaDir, port);
        Thread.sleep(BEFORE_AND_AFTER.toMillis());
        load.shutdown();
        assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));
        int linesWritten = lines.get();
        int batchesPublished = samples.get();
        long fileSize = Files.size(logFile);

        try {
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .until(() -> tailer.positions().stream().allMatch(p -> p.offset() == fileSize)
                            && delivery.spool().size() == 0 && !delivery.spooling());
            tailer.close();
            delivery.close();
            producer.close(Duration.ofSeconds(10));

            Map<String, Integer> lineCounts = new HashMap<>();
            Map<String, Integer> sampleCounts = new HashMap<>();
            consume(bootstrap, Topics.LOGS, linesWritten, LogCodec::decode, (List<LogStream> streams) -> {
                int n = 0;
                for (LogStream s : streams) {
                    for (LogEntry e : s.entries()) {
                        lineCounts.merge(e.line(), 1, Integer::sum);
                        n++;
                    }
                }
                return n;
            });
            consume(bootstrap, Topics.METRICS, batchesPublished * SERIES, MetricCodec::decode, (List<MetricSeries> series) -> {
                int n = 0;
                for (MetricSeries s : series) {
                    for (Sample x : s.samples()) {
                        sampleCounts.merge(s.labels().get("series") + "@" + x.timestampMs() + "=" + x.value(), 1, Integer::sum);
                        n++;
                    }
                }
                return n;
            });

            assertTrue(spooledDuringOutage, "the outage should have sent batches to the spool");
            assertTrue(delivery.resentRecords() > 0, "spooled batches should have been resent");
            assertEquals(0, delivery.spool().droppedRecords());
            assertEquals(expectedLines(linesWritten), new TreeMap<>(lineCounts));
            assertEquals(expectedSamples(batchesPublished), new TreeMap<>(sampleCounts));
        } finally {
            kafka.close();
        }
    }

    private interface Counter<T> {
        int count(List<T> decoded);
    }

    private static <T> void consume(String bootstrap, String topic, int expected, Function<byte[], List<T>> decode,
                                    Counter<T> counter) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-test-" + topic);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int seen = 0;
            int emptyPolls = 0;
            // Read until the expected count and then a little longer, so duplicates would show.
            while (emptyPolls < 3 || seen < expected && emptyPolls < 30) {
                var records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    seen += counter.count(decode.apply(r.value()));
                }
            }
        }
    }

    private static TreeMap<String, Integer> expectedLines(int n) {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(line(i), 1);
        }
        return m;
    }

    private static TreeMap<String, Integer> expectedSamples(int batches) {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (int b = 0; b < batches; b++) {
            for (MetricSeries s : metricBatch(b)) {
                Sample x = s.samples().get(0);
                m.put(s.labels().get("series") + "@" + x.timestampMs() + "=" + x.value(), 1);
            }
        }
        return m;
    }

    /** Series shaped like host metrics; batch {@code b} has timestamp {@code b} seconds after a fixed start. */
    private static List<MetricSeries> metricBatch(int b) {
        List<MetricSeries> out = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            out.add(new MetricSeries(Labels.of("__name__", "node_cpu_seconds_total", "cpu", Integer.toString(s),
                    "series", Integer.toString(s), "node", "node-1", "os", "linux"),
                    List.of(new Sample(1_700_000_000_000L + b * 1000L, b * 10.0 + s))));
        }
        return out;
    }

    private static String line(int i) {
        return String.format("line %07d", i);
    }

    private static void appendLine(Path file, int i) {
        try {
            Files.writeString(file, line(i) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
