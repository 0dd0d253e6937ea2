package dev.vigil.metrics.streams;

import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
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
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTopologyTest {
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final LocalTsdbs tsdbs = new LocalTsdbs();
    private final IngestCounters<AppendResult> counters = new IngestCounters<>(AppendResult.class);
    private TestInputTopic<byte[], byte[]> metrics;
    private TestOutputTopic<byte[], byte[]> deadletters;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-topology-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TopologyProducer.topology(TsdbOptions.DEFAULTS, tsdbs, counters, Duration.ofSeconds(5),
                Duration.ofMinutes(5)), p);
        metrics = driver.createInputTopic(Topics.METRICS, new ByteArraySerializer(), new ByteArraySerializer());
        deadletters = driver.createOutputTopic(Topics.DEADLETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void samplesOfABatchBecomeQueryableAndAReplayDoublesNothing() {
        Labels mem = Labels.of("__name__", "node_memory_MemTotal_bytes", "node", "n1", "os", "linux");
        byte[] batch = MetricCodec.encode(List.of(new MetricSeries(mem, List.of(new Sample(1000, 42), new Sample(16000, 43)))));
        metrics.pipeInput(batch);
        metrics.pipeInput(batch); // a replay after a crash
        List<Series> found = tsdbs.select(0, 20000, List.of(LabelMatcher.equal("__name__", "node_memory_MemTotal_bytes")));
        assertEquals(1, found.size());
        assertEquals(mem, found.get(0).labels());
        SampleCursor c = found.get(0).cursor();
        int n = 0;
        double last = 0;
        while (c.next()) {
            n++;
            last = c.value();
        }
        assertEquals(2, n);
        assertEquals(43, last);
        assertEquals(2, counters.total(AppendResult.APPENDED));
        assertEquals(2, counters.total(AppendResult.DUPLICATE));
        assertTrue(deadletters.isEmpty());
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReasonAndIngestGoesOn() {
        byte[] junk = "{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8);
        metrics.pipeInput("k".getBytes(StandardCharsets.UTF_8), junk);
        Labels up = Labels.of("__name__", "up", "job", "x");
        metrics.pipeInput(MetricCodec.encode(List.of(new MetricSeries(up, List.of(new Sample(5, 1))))));

        TestRecord<byte[], byte[]> dead = deadletters.readRecord();
        assertEquals("{\"not\":\"protobuf\"}", new String(dead.value(), StandardCharsets.UTF_8));
        String reason = new String(dead.headers().lastHeader(DeadLetter.REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("MetricBatch"), reason);
        assertEquals(Topics.METRICS, new String(dead.headers().lastHeader(DeadLetter.SOURCE_TOPIC_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(1, counters.deadLetters());
        assertEquals(1, tsdbs.select(0, 10, List.of(LabelMatcher.equal("__name__", "up"))).size());
    }

    @Test
    void retentionRunsFromTheMaintenancePunctuatorAndDropsWhatIsOlder() {
        driver.close();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-retention-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("retention").toString());
        TsdbOptions oneHour = TsdbOptions.DEFAULTS.withRetention(Duration.ofHours(1)).withOutOfOrderWindow(Duration.ofHours(6));
        driver = new TopologyTestDriver(TopologyProducer.topology(oneHour, tsdbs, counters, Duration.ofSeconds(5),
                Duration.ofMinutes(1)), p, now);
        metrics = driver.createInputTopic(Topics.METRICS, new ByteArraySerializer(), new ByteArraySerializer());
        Labels old = Labels.of("__name__", "old_metric", "job", "x");
        Labels fresh = Labels.of("__name__", "fresh_metric", "job", "x");
        long t = now.toEpochMilli();
        metrics.pipeInput(MetricCodec.encode(List.of(
                new MetricSeries(old, List.of(new Sample(t - 3 * 3_600_000L, 1), new Sample(t - 2 * 3_600_000L, 2))),
                new MetricSeries(fresh, List.of(new Sample(t - 600_000L, 3))))));
        List<LabelMatcher> jobX = List.of(LabelMatcher.equal("job", "x"));
        assertEquals(2, tsdbs.select(0, t, jobX).size(), "both are there before maintenance runs");

        driver.advanceWallClockTime(Duration.ofMinutes(1));

        List<Series> kept = tsdbs.select(0, t, jobX);
        assertEquals(List.of(fresh), kept.stream().map(Series::labels).toList(), "the series older than retention is gone");
        assertTrue(tsdbs.stats().get(0).retentionCutoffMs() >= t - 3_600_000L);
    }
}
