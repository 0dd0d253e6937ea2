package dev.vigil.metrics.otlp;

import dev.vigil.kafka.client.KafkaClientConfig;
import io.smallrye.common.annotation.Identifier;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.metadata.MetadataTopic;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.model.DecodeException;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.model.MetricSeries;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Optional intake of the OpenTelemetry Collector's Kafka exporter ({@code otlp_proto}): reads
 * {@code vigil.metrics.otlp.topic} (default {@code otlp_metrics}) with its own consumer group,
 * translates each record ({@link OtlpMetricsTranslator}) and publishes the series to
 * {@code vigil.metrics} through the publisher the remote-write receiver uses. Offsets are
 * committed only after Kafka acknowledged what a poll produced, so a crash replays rather than
 * loses (the TSDB drops exact duplicates). A record that does not decode goes to
 * {@code vigil.deadletter} with the reason and the consumer goes on. Off unless
 * {@code vigil.metrics.otlp.enabled=true}.
 */
@ApplicationScoped
public class OtlpMetricsIntake {
    private static final Logger LOG = Logger.getLogger(OtlpMetricsIntake.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final MetricsConfig.Otlp config;
    private final KafkaClientConfig kafka;
    private final BatchPublisher publisher;
    private final MetadataTopic metadata;
    private final Counter records;
    private final Counter series;
    private final Counter samples;
    private final Counter deadLetters;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Set<RejectReason> loggedReasons = EnumSet.noneOf(RejectReason.class);

    private TopicIntake intake;

    public OtlpMetricsIntake(MetricsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                             BatchPublisher publisher, MeterRegistry registry, MetadataTopic metadata) {
        this.metadata = metadata;
        this.config = config.otlp();
        this.kafka = new KafkaClientConfig(kafka);
        this.publisher = publisher;
        this.records = registry.counter("vigil_metrics_otlp_records_total");
        this.series = registry.counter("vigil_metrics_otlp_series_total");
        this.samples = registry.counter("vigil_metrics_otlp_samples_total");
        this.deadLetters = registry.counter("vigil_metrics_otlp_deadletters_total");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, registry.counter("vigil_metrics_otlp_rejected_points_total", "reason", r.label()));
        }
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        intake = new TopicIntake(kafka, config.groupId(), config.topic());
        intake.start(this::process, "vigil-metrics-otlp-intake");
        LOG.infof("OTLP metrics intake reads topic %s as group %s", config.topic(), config.groupId());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (intake != null) {
            intake.close();
        }
    }

    /** Translates and publishes one poll's records; returns only when Kafka acknowledged all of it. */
    private void process(ConsumerRecords<byte[], byte[]> batch) throws Exception {
        List<MetricSeries> out = new ArrayList<>();
        List<Future<RecordMetadata>> dead = new ArrayList<>();
        Map<RejectReason, Long> rejectedHere = new EnumMap<>(RejectReason.class);
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            try {
                MetricTranslation t = OtlpMetricsTranslator.translate(r.value());
                out.addAll(t.series());
                metadata.offer(t.metadata().stream()
                        .map(md -> new MetricMetadataRecord(Tenants.DEFAULT, md.family(), md.type(), md.help(), md.unit())).toList());
                t.rejected().forEach((reason, n) -> rejectedHere.merge(reason, n, Long::sum));
            } catch (DecodeException e) {
                dead.add(intake.deadLetter(r, e.getMessage()));
            }
        }
        publisher.publishMetrics(out).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Future<RecordMetadata> f : dead) {
            f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        records.increment(batch.count());
        series.increment(out.size());
        samples.increment(out.stream().mapToLong(s -> s.samples().size()).sum());
        deadLetters.increment(dead.size());
        rejectedHere.forEach((reason, n) -> {
            rejected.get(reason).increment(n);
            if (loggedReasons.add(reason)) {
                LOG.debugf("OTLP metrics: data points left out (%s); counted in vigil_metrics_otlp_rejected_points_total", reason.label());
            }
        });
    }
}
