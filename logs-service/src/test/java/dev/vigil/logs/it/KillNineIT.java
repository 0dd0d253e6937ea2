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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kill -9 of the packaged logs service in the middle of ingest, then a restart on the same data
 * folder: every line is there exactly once. The restart replays {@code vigil.logs} from the last
 * committed offset, so this checks both that a commit makes lines durable and that the replayed
 * lines the store already had are dropped.
 */
class KillNineIT {
    private static final int PARTITIONS = 2;
    private static final int STREAMS = 8;
    private static final int LINES = 1500;
    private static final long NANOS_PER_MS = 1_000_000L;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killNineDuringIngestThenRestartLosesNoLineAndDoublesNone() throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), PARTITIONS);
            long t0 = (System.currentTimeMillis() - Duration.ofMinutes(30).toMillis()) * NANOS_PER_MS;
            long queryAt = t0 + Duration.ofMinutes(10).toNanos();
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of());
                 KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                service.start();
                int ingesting = LINES / 10;
                int killAt = LINES * 2 / 5;
                int restartAt = LINES * 3 / 5;
                for (int i = 0; i < LINES; i++) {
                    publish(producer, t0, i);
                    if (i == ingesting) {
                        producer.flush();
                        await().atMost(Duration.ofSeconds(60)).until(() -> total(counts(service, queryAt)) > 0);
                    }
                    if (i == killAt) {
                        service.kill(); // while the lines just sent are being ingested
                    }
                    if (i == restartAt) {
                        service.start();
                    }
                    Thread.sleep(2);
                }
                producer.flush();

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertEquals((long) STREAMS * LINES, total(counts(service, queryAt)),
                                () -> "lines per stream " + countsOrError(service, queryAt) + "; stream 0 lacks "
                                        + missing(service, t0, queryAt) + "; data files " + files() + "; service log:\n" + service.logTail()));
                // Let any replayed duplicate land before the final count.
                Thread.sleep(3000);
                Map<String, Long> perStream = counts(service, queryAt);
                assertEquals(STREAMS, perStream.size(), perStream.toString());
                perStream.forEach((s, n) -> assertEquals(LINES, n, "lines of stream " + s));
                assertEquals(expectedLines(0), linesOf(service, 0, t0, queryAt), "the lines of stream 0, each once");
            }
        }
    }

    /** Line {@code i} of every stream, one record per partition; line text names stream and index. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, long t0, int i) {
        Map<Integer, List<LogStream>> byPartition = new TreeMap<>();
        for (int s = 0; s < STREAMS; s++) {
            Labels l = stream(s);
            byPartition.computeIfAbsent(SeriesHash.partition(l, PARTITIONS), p -> new ArrayList<>())
                    .add(new LogStream(l, List.of(new LogEntry(t0 + i * NANOS_PER_MS, line(s, i)))));
        }
        byPartition.forEach((p, batch) -> producer.send(new ProducerRecord<>(Topics.LOGS, p, null, LogCodec.encode(batch))));
    }

    private static Labels stream(int s) {
        return Labels.of("job", "kill-test", "stream", Integer.toString(s));
    }

    private static String line(int stream, int i) {
        return "level=info stream=" + stream + " msg=\"line " + i + "\"";
    }

    private static Set<String> expectedLines(int stream) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < LINES; i++) {
            out.add(line(stream, i));
        }
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code count_over_time} per stream label, through the Loki API. */
    private Map<String, Long> counts(ServiceProcess service, long atNanos) throws IOException {
        String q = "count_over_time({job=\"kill-test\"}[1h])";
        Map<String, Long> out = new TreeMap<>();
        String body = service.get("/loki/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + atNanos)
                .orElse("{\"data\":{\"result\":[]}}");
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            out.put(r.path("metric").path("stream").asText(), Long.parseLong(r.path("value").get(1).asText()));
        }
        return out;
    }

    private String countsOrError(ServiceProcess service, long atNanos) {
        try {
            return counts(service, atNanos).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String files() {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir.resolve("data"))) {
            return s.map(p -> dir.relativize(p) + "=" + p.toFile().length()).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The indices of stream 0's lines a log query does not return, as ranges. */
    private String missing(ServiceProcess service, long fromNanos, long toNanos) {
        try {
            Set<String> got = linesOf(service, 0, fromNanos, toNanos);
            StringBuilder out = new StringBuilder();
            int runStart = -1;
            for (int i = 0; i <= LINES; i++) {
                boolean absent = i < LINES && !got.contains(line(0, i));
                if (absent && runStart < 0) {
                    runStart = i;
                } else if (!absent && runStart >= 0) {
                    out.append(runStart).append("..").append(i - 1).append(' ');
                    runStart = -1;
                }
            }
            return out.toString();
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /** Every line of one stream from a log query; a duplicate fails the test as it is read. */
    private Set<String> linesOf(ServiceProcess service, int stream, long fromNanos, long toNanos) throws IOException {
        String q = "{job=\"kill-test\", stream=\"" + stream + "\"}";
        String body = service.get("/loki/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start=" + fromNanos
                + "&end=" + toNanos + "&limit=" + (LINES + 1) + "&direction=forward").orElseThrow();
        Set<String> out = new HashSet<>();
        for (JsonNode r : json.readTree(body).path("data").path("result")) {
            for (JsonNode v : r.path("values")) {
                if (!out.add(v.get(1).asText())) {
                    throw new AssertionError("line returned twice: " + v);
                }
            }
        }
        return out;
    }
}
