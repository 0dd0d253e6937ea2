package dev.vigil.logs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End-to-end ingest speed of the packaged service, with the service running while lines are produced
 * and from a backlog: lines written to {@code vigil.logs} (batches
 * of 100 lines of one stream per record, as the collector sends) until a {@code count_over_time}
 * query sees all of them. Not part of verify; run with {@code -Dit.test=IngestThroughputBench}.
 */
class IngestThroughputBench {
    private static final int PARTITIONS = 2;
    private static final int STREAMS = 16;
    private static final int BATCH = 100;
    private static final int LINES = Integer.getInteger("bench.lines", 400_000);

    @TempDir
    Path dir;

    /** The service runs while the lines are produced: the figure is bounded by the producer, which shares the cores. */
    @Test
    void linesPerSecondFromKafkaToQueryable() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = (System.currentTimeMillis() - 600_000) * 1_000_000L;
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of());
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                service.start();
                long start = System.nanoTime();
                produce(producer, t0);
                long produced = System.nanoTime();
                long at = t0 + 3_600_000_000_000L;
                while (total(service, at) < LINES) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("ingest: %d lines, produced in %.2f s, all queryable after %.2f s: %.0f lines/s%n",
                        LINES, (produced - start) / 1e9, seconds, LINES / seconds);
                assertEquals(LINES, total(service, at));
            }
        }
    }

    /**
     * The lines wait in {@code vigil.logs} before the service starts: the time from the service
     * answering {@code /ready} until every line is queryable is the service's own ingest rate.
     */
    @Test
    void linesPerSecondFromABacklog() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = (System.currentTimeMillis() - 600_000) * 1_000_000L;
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                produce(producer, t0);
            }
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of())) {
                long launched = System.nanoTime();
                service.start();
                long ready = System.nanoTime();
                long at = t0 + 3_600_000_000_000L;
                while (total(service, at) < LINES) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - ready) / 1e9;
                System.out.printf("backlog: %d lines, process start to ready %.2f s, ready to all queryable %.2f s: %.0f lines/s%n",
                        LINES, (ready - launched) / 1e9, seconds, LINES / seconds);
                assertEquals(LINES, total(service, at));
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, "5"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@link #LINES} logfmt lines from {@link #STREAMS} streams, {@link #BATCH} lines of one stream per record. */
    private static void produce(KafkaProducer<byte[], byte[]> producer, long t0) {
        for (int i = 0; i < LINES / BATCH; i++) {
            int s = i % STREAMS;
            Labels l = Labels.of("job", "bench", "stream", Integer.toString(s));
            List<LogEntry> entries = new ArrayList<>(BATCH);
            for (int j = 0; j < BATCH; j++) {
                long n = (long) i * BATCH + j;
                entries.add(new LogEntry(t0 + n * 1000, "level=info ts=" + n + " msg=\"request served\" path=/api/v1/items/"
                        + (n % 977) + " status=200 duration_ms=" + (n % 313)));
            }
            producer.send(new ProducerRecord<>(Topics.LOGS, SeriesHash.partition(l, PARTITIONS), null,
                    LogCodec.encode(List.of(new LogStream(l, entries)))));
        }
        producer.flush();
    }

    private static long total(ServiceProcess service, long atNanos) throws java.io.IOException {
        String q = "sum(count_over_time({job=\"bench\"}[2h]))";
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + atNanos)
                .orElse("{\"data\":{\"result\":[]}}");
        JsonNode r = new ObjectMapper().readTree(body).path("data").path("result");
        return r.isEmpty() ? 0 : Long.parseLong(r.get(0).path("value").get(1).asText());
    }
}
