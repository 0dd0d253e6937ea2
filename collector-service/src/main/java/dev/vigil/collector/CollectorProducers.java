package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.delivery.CollectorProducer;
import dev.vigil.collector.delivery.Delivery;
import dev.vigil.collector.spool.DiskSpool;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.MetadataPublisher;
import dev.vigil.kafka.client.KafkaClientConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * CDI wiring of the Kafka producer shared by every publisher of this collector, and of the
 * {@link Delivery} in front of it with its spool under {@code vigil.collector.state-dir}. The
 * spool's size and drop counters are exported on {@code /q/metrics}.
 */
@ApplicationScoped
public class CollectorProducers {
    private final Producer<byte[], byte[]> producer;
    private final BatchPublisher publisher;
    private final Delivery delivery;
    private final MetadataPublisher metadata;

    public CollectorProducers(@Identifier("default-kafka-broker") Map<String, Object> kafka, NodeIdentity id,
                              CollectorConfig config, MeterRegistry registry) {
        this.producer = CollectorProducer.create(new KafkaClientConfig(kafka), "vigil-collector-" + id.node());
        Path dir = config.spool().dir().filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(config.stateDir(), "spool"));
        DiskSpool spool;
        try {
            spool = DiskSpool.open(dir, config.spool().maxBytes());
        } catch (IOException e) {
            producer.close(Duration.ZERO);
            throw new UncheckedIOException("cannot open the delivery spool in " + dir + ": " + e.getMessage(), e);
        }
        this.publisher = new BatchPublisher(producer);
        this.delivery = new Delivery(publisher, topic -> producer.partitionsFor(topic).size(), spool,
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        this.metadata = new MetadataPublisher(publisher);
        bindMetrics(registry, delivery);
        FunctionCounter.builder("vigil_collector_metadata_publish_failures", metadata, MetadataPublisher::failures)
                .description("Metric family descriptions Kafka did not take (sent again with the next scrape)").register(registry);
    }

    /** HELP, TYPE and UNIT of the families this collector publishes, to vigil.metrics.metadata. */
    @Produces
    @Singleton
    MetadataPublisher metadata() {
        return metadata;
    }

    /** Direct publishing without the spool, for senders that handle failures themselves. */
    @Produces
    @Singleton
    BatchPublisher publisher() {
        return publisher;
    }

    @Produces
    @Singleton
    Delivery delivery() {
        return delivery;
    }

    private static void bindMetrics(MeterRegistry registry, Delivery d) {
        Gauge.builder("vigil_collector_spool_records", d, x -> x.spool().size())
                .description("Batches waiting in the delivery spool").register(registry);
        Gauge.builder("vigil_collector_spool_bytes", d, x -> x.spool().sizeBytes())
                .description("Bytes of the delivery spool on disk").register(registry);
        FunctionCounter.builder("vigil_collector_spool_dropped_records", d, x -> x.spool().droppedRecords())
                .description("Batches dropped because the spool was full").register(registry);
        FunctionCounter.builder("vigil_collector_spool_dropped_bytes", d, x -> x.spool().droppedBytes())
                .description("Bytes dropped because the spool was full").register(registry);
        FunctionCounter.builder("vigil_collector_spooled_records", d, Delivery::spooledRecords)
                .description("Batches written to the spool because Kafka was unreachable").register(registry);
        FunctionCounter.builder("vigil_collector_spool_resent_records", d, Delivery::resentRecords)
                .description("Spooled batches delivered to Kafka").register(registry);
        FunctionCounter.builder("vigil_collector_spool_write_failures", d, Delivery::spoolWriteFailures)
                .description("Batches lost because the spool could not be written").register(registry);
        Gauge.builder("vigil_collector_kafka_spooling", d, x -> x.spooling() ? 1 : 0)
                .description("1 while Kafka is unreachable and batches go to the spool").register(registry);
    }

    @PreDestroy
    void close() throws IOException {
        metadata.close();
        delivery.close();
        producer.close(Duration.ofSeconds(10));
    }
}
