package dev.vigil.logs.delete;

import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.kafka.client.ProducerFactory;
import dev.vigil.model.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deletion requests of every tenant, shared by all instances through the compacted
 * {@code vigil.logs.deletes} topic: each instance follows it from the start (by assignment, in no
 * group) and a request written here is applied here at once, so its author's next query already
 * leaves the lines out.
 */
@ApplicationScoped
public class DeleteRequestsTopic {
    private static final Logger LOG = Logger.getLogger(DeleteRequestsTopic.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final DeleteRequests requests = new DeleteRequests();
    private final KafkaClientConfig kafka;
    private Producer<byte[], byte[]> producer;
    private Thread follower;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public DeleteRequestsTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = new KafkaClientConfig(kafka);
    }

    void start(@Observes StartupEvent event) {
        producer = ProducerFactory.create(kafka, "vigil-logs-deletes");
        running = true;
        follower = new Thread(this::follow, "vigil-logs-deletes");
        follower.setDaemon(true);
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (follower != null) {
            follower.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public DeleteRequests requests() {
        return requests;
    }

    /** Writes a request and applies it here once Kafka holds it. */
    public void write(DeleteRequest r) throws ExecutionException, TimeoutException, InterruptedException {
        producer.send(new ProducerRecord<>(Topics.LOG_DELETES, r.key().getBytes(StandardCharsets.UTF_8), r.toJson()))
                .get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        requests.put(r);
    }

    /** Cancels a request (a tombstone) and forgets it here once Kafka holds that. */
    public void cancel(DeleteRequest r) throws ExecutionException, TimeoutException, InterruptedException {
        producer.send(new ProducerRecord<>(Topics.LOG_DELETES, r.key().getBytes(StandardCharsets.UTF_8), null))
                .get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        requests.remove(r.key());
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.with(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> parts = new ArrayList<>();
                for (PartitionInfo p : c.partitionsFor(Topics.LOG_DELETES, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(Topics.LOG_DELETES, p.partition()));
                }
                if (parts.isEmpty()) {
                    throw new KafkaException("topic " + Topics.LOG_DELETES + " has no partitions yet");
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(1))) {
                        apply(r);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (KafkaException e) {
                if (running) {
                    LOG.warnf("reading %s: %s; trying again in 5 s", Topics.LOG_DELETES, e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            requests.remove(r.key());
            return;
        }
        try {
            requests.put(DeleteRequest.fromJson(r.value()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s record %s at offset %d left out: %s", Topics.LOG_DELETES, r.key(), r.offset(), e.getMessage());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
