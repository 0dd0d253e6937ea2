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

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of the packaged service split the two {@code vigil.logs} partitions, and each
 * answers log and metric queries over every stream: what it does not own it reads from the other.
 */
class ScaleOutIT {
    private static final int PARTITIONS = 2;
    private static final int STREAMS = 6;
    private static final int LINES = 50;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachOfTwoInstancesAnswersForTheStreamsOfBothPartitions() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            Path a = Files.createDirectories(dir.resolve("a"));
            Path b = Files.createDirectories(dir.resolve("b"));
            long t0 = (System.currentTimeMillis() - Duration.ofMinutes(5).toMillis()) * 1_000_000L;
            try (ServiceProcess first = new ServiceProcess(a, kafka.bootstrapServers(), Map.of());
                 ServiceProcess second = new ServiceProcess(b, kafka.bootstrapServers(), Map.of());
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                first.start();
                second.start(); // ready once it owns a partition, so neither instance owns both
                for (int s = 0; s < STREAMS; s++) {
                    Labels l = Labels.of("job", "scale-out", "stream", Integer.toString(s));
                    List<LogEntry> entries = new java.util.ArrayList<>();
                    for (int i = 0; i < LINES; i++) {
                        entries.add(new LogEntry(t0 + i * 1_000_000L, "stream " + s + " line " + i));
                    }
                    producer.send(new ProducerRecord<>(Topics.LOGS, SeriesHash.partition(l, PARTITIONS), null,
                            LogCodec.encode(List.of(new LogStream(l, entries)))));
                }
                producer.flush();
                long at = t0 + Duration.ofMinutes(1).toNanos();
                for (ServiceProcess p : List.of(first, second)) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> counts(p, at).size() == STREAMS);
                    Map<String, Long> perStream = counts(p, at);
                    perStream.forEach((s, n) -> assertEquals(LINES, n, "lines of stream " + s + " on port " + p.port()));
                    assertEquals(STREAMS * 3, logLines(p, t0, at), "the 3 newest lines of every stream, from port " + p.port());
                    JsonNode stats = indexStats(p, t0, at);
                    assertEquals(STREAMS, stats.path("streams").asLong(), "index/stats streams from port " + p.port() + ": " + stats);
                    assertEquals(STREAMS * LINES, stats.path("entries").asLong(), "index/stats entries from port " + p.port() + ": " + stats);
                }
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Long> counts(ServiceProcess service, long atNanos) throws IOException {
        String q = "count_over_time({job=\"scale-out\"}[1h])";
        Map<String, Long> out = new TreeMap<>();
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + atNanos)
                .orElse("{\"data\":{\"result\":[]}}");
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            out.put(r.path("metric").path("stream").asText(), Long.parseLong(r.path("value").get(1).asText()));
        }
        return out;
    }

    private JsonNode indexStats(ServiceProcess service, long fromNanos, long toNanos) throws IOException {
        String q = "{job=\"scale-out\"}";
        return json.readTree(service.get("/loki/api/v1/index/stats?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&start=" + fromNanos + "&end=" + toNanos).orElseThrow());
    }

    /** Lines returned by a log query asking for 3 lines per stream ({@code limit} counts them all). */
    private int logLines(ServiceProcess service, long fromNanos, long toNanos) throws IOException {
        int total = 0;
        for (int s = 0; s < STREAMS; s++) {
            String q = "{job=\"scale-out\", stream=\"" + s + "\"} |= \"line\"";
            String body = service.get("/loki/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start="
                    + fromNanos + "&end=" + toNanos + "&limit=3").orElseThrow();
            for (JsonNode r : json.readTree(body).path("data").path("result")) {
                total += r.path("values").size();
            }
        }
        return total;
    }
}
