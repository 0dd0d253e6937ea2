package dev.vigil.logs.otlp;

import java.util.Map;
import dev.vigil.kafka.client.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.model.DecodeException;
import dev.vigil.model.LogStream;
import dev.vigil.kafka.client.TopicIntake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Optional intake of the OpenTelemetry Collector's Kafka exporter ({@code otlp_proto}): reads
 * {@code vigil.logs.otlp.topic} (default {@code otlp_logs}) with its own consumer group,
 * translates each record ({@link OtlpLogsTranslator}) and publishes the streams to
 * {@code vigil.logs} through the publisher the push API uses. Offsets are committed only
 * after Kafka acknowledged what a poll produced, so a crash replays rather than loses. A record
 * that does not decode goes to {@code vigil.deadletter} with the reason and the consumer goes
 * on. Off unless {@code vigil.logs.otlp.enabled=true}.
 */
@ApplicationScoped
public class OtlpLogsIntake {
    private static final Logger LOG = Logger.getLogger(OtlpLogsIntake.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final LogsConfig.Otlp config;
    private final KafkaClientConfig kafka;
    private final BatchPublisher publisher;
    private final Counter records;
    private final Counter streams;
    private final Counter lines;
    private final Counter deadLetters;

    private TopicIntake intake;

    public OtlpLogsIntake(LogsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                          BatchPublisher publisher, MeterRegistry registry) {
        this.config = config.otlp();
        this.kafka = new KafkaClientConfig(kafka);
        this.publisher = publisher;
        this.records = registry.counter("vigil_logs_otlp_records_total");
        this.streams = registry.counter("vigil_logs_otlp_streams_total");
        this.lines = registry.counter("vigil_logs_otlp_lines_total");
        this.deadLetters = registry.counter("vigil_logs_otlp_deadletters_total");
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        intake = new TopicIntake(kafka, config.groupId(), config.topic());
        intake.start(this::process, "vigil-logs-otlp-intake");
        LOG.infof("OTLP logs intake reads topic %s as group %s", config.topic(), config.groupId());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (intake != null) {
            intake.close();
        }
    }

    /** Translates and publishes one poll's records; returns only when Kafka acknowledged all of it. */
    private void process(ConsumerRecords<byte[], byte[]> batch) throws Exception {
        List<LogStream> out = new ArrayList<>();
        List<Future<RecordMetadata>> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            try {
                out.addAll(OtlpLogsTranslator.translate(r.value(), r.timestamp() * 1_000_000L).streams());
            } catch (DecodeException e) {
                dead.add(intake.deadLetter(r, e.getMessage()));
            }
        }
        publisher.publishLogs(out).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Future<RecordMetadata> f : dead) {
            f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        records.increment(batch.count());
        streams.increment(out.size());
        lines.increment(out.stream().mapToLong(s -> s.entries().size()).sum());
        deadLetters.increment(dead.size());
    }
}
