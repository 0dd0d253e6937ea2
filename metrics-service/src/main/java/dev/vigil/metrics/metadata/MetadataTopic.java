package dev.vigil.metrics.metadata;

import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.CompactedTopicFollower;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.kafka.client.MetadataPublisher;
import dev.vigil.model.DecodeException;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Metric metadata shared by every metrics-service instance through the compacted
 * {@code vigil.metrics.metadata} topic, which the collectors write too: what a remote-write or
 * OTLP sender describes is kept here at once and published when it is new or changed; what any
 * writer published reaches this instance's store through the follower. {@code /api/v1/metadata}
 * therefore answers the same on every instance.
 */
@ApplicationScoped
public class MetadataTopic {
    private static final Logger LOG = Logger.getLogger(MetadataTopic.class);

    private final MetricMetadataStore store;
    private final MetadataPublisher publisher;
    private final KafkaClientConfig kafka;
    private CompactedTopicFollower follower;

    public MetadataTopic(MetricMetadataStore store, BatchPublisher publisher, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                         MeterRegistry registry) {
        this.store = store;
        this.publisher = new MetadataPublisher(publisher);
        this.kafka = new KafkaClientConfig(kafka);
        registry.more().counter("vigil_metrics_metadata_publish_failures_total", List.of(), this.publisher, MetadataPublisher::failures);
    }

    void start(@Observes StartupEvent event) {
        follower = CompactedTopicFollower.start(kafka, Topics.METRIC_METADATA, (key, value) -> {
            if (value == null) {
                return; // nothing deletes metadata; a tombstone is left alone
            }
            try {
                store.record(MetricMetadataRecord.fromJson(value));
            } catch (DecodeException e) {
                LOG.debugf("%s record left out: %s", Topics.METRIC_METADATA, e.getMessage());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
        publisher.close();
    }

    /**
     * Keeps what a request described and publishes each description not yet published as it is
     * (best effort: a failed publish is tried again with the next request that carries it).
     */
    public void offer(List<MetricMetadataRecord> records) {
        records.forEach(store::record);
        publisher.offer(records);
    }
}
