package dev.vigil.logs.streams;

import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.Direction;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.logstore.StreamRef;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogsTopologyTest {
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final LocalLogStores stores = new LocalLogStores();
    private final IngestCounters<AppendResult> counters = new IngestCounters<>(AppendResult.class);
    private TestInputTopic<byte[], byte[]> logs;
    private TestOutputTopic<byte[], byte[]> deadletters;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "logs-topology-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TopologyProducer.topology(LogStoreOptions.defaults(), stores, counters, Duration.ofSeconds(5),
                Duration.ofMinutes(10), new LongAdder(), 0), p);
        logs = driver.createInputTopic(Topics.LOGS, new ByteArraySerializer(), new ByteArraySerializer());
        deadletters = driver.createOutputTopic(Topics.DEADLETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void linesOfABatchAreStoredOnceEvenWhenTheRecordIsReplayed() {
        Labels stream = Labels.of("namespace", "default", "pod", "web-1", "container", "nginx", "os", "windows");
        long t0 = 1_700_000_000_000_000_000L;
        byte[] batch = LogCodec.encode(List.of(new LogStream(stream,
                List.of(new LogEntry(t0, "GET / 200"), new LogEntry(t0 + 1, "GET /favicon.ico 404")))));
        logs.pipeInput(batch);
        logs.pipeInput(batch);

        LogStore store = stores.stores().get(0);
        List<StreamRef> refs = store.streams(List.of(LabelMatcher.equal("pod", "web-1")), t0, t0 + 10);
        assertEquals(1, refs.size());
        List<String> lines = new ArrayList<>();
        EntryCursor c = store.entries(refs.get(0), t0, t0 + 10, Direction.FORWARD);
        while (c.next()) {
            lines.add(c.line());
        }
        assertEquals(List.of("GET / 200", "GET /favicon.ico 404"), lines);
        assertEquals(2, counters.total(AppendResult.APPENDED));
        assertEquals(2, counters.total(AppendResult.DUPLICATE));
        assertTrue(deadletters.isEmpty());
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReason() {
        logs.pipeInput("not a log batch \u0001\u0002".getBytes(StandardCharsets.UTF_8));
        TestRecord<byte[], byte[]> dead = deadletters.readRecord();
        String reason = new String(dead.headers().lastHeader(DeadLetter.REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("LogBatch"), reason);
        assertEquals(1, counters.deadLetters());
    }

    @Test
    void retentionRunsFromTheMaintenancePunctuatorAndDeletesOldChunks() {
        driver.close();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "logs-retention-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("retention").toString());
        LongAdder deleted = new LongAdder();
        LogStoreOptions oneHour = LogStoreOptions.defaults().withRetention(Duration.ofHours(1)).withOutOfOrderWindow(Duration.ofHours(6));
        driver = new TopologyTestDriver(TopologyProducer.topology(oneHour, stores, counters, Duration.ofSeconds(5),
                Duration.ofMinutes(1), deleted, 0), p, now);
        logs = driver.createInputTopic(Topics.LOGS, new ByteArraySerializer(), new ByteArraySerializer());
        long t = now.toEpochMilli() * 1_000_000L;
        Labels old = Labels.of("app", "old");
        Labels fresh = Labels.of("app", "fresh");
        logs.pipeInput(LogCodec.encode(List.of(
                new LogStream(old, List.of(new LogEntry(t - 3 * 3_600_000_000_000L, "three hours ago"))),
                new LogStream(fresh, List.of(new LogEntry(t - 60_000_000_000L, "a minute ago"))))));
        LogStore store = stores.stores().get(0);
        assertEquals(2, store.stats().entries());

        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertEquals(1, store.stats().entries(), "the entry older than retention is gone");
        assertEquals(List.of(fresh), store.series(List.of(), 0, Long.MAX_VALUE));
        assertTrue(deleted.sum() >= 1, "retention counted what it deleted");
    }
}
