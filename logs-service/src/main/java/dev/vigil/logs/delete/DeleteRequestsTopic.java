package dev.vigil.logs.delete;

import dev.vigil.kafka.client.CompactedTopicFollower;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.kafka.client.ProducerFactory;
import dev.vigil.model.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);

    private final DeleteRequests requests = new DeleteRequests();
    private final KafkaClientConfig kafka;
    private Producer<byte[], byte[]> producer;
    private CompactedTopicFollower follower;

    public DeleteRequestsTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = new KafkaClientConfig(kafka);
    }

    void start(@Observes StartupEvent event) {
        producer = ProducerFactory.create(kafka, "vigil-logs-deletes");
        follower = CompactedTopicFollower.start(kafka, Topics.LOG_DELETES, this::apply);
        // the Loki API answers 503 until the requests are read; starting after them spares clients that window
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (!follower.caughtUp() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!follower.caughtUp()) {
            LOG.warnf("%s not read within %s: the Loki API answers 503 until it is", Topics.LOG_DELETES, STARTUP_WAIT);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The requests known here; complete once {@link #ready()}. */
    public DeleteRequests requests() {
        return requests;
    }

    /**
     * Whether every request written before this instance started is known: until then a query
     * could return lines that are deleted, so the Loki API answers 503 and /ready says not ready.
     */
    public boolean ready() {
        return follower != null && follower.caughtUp();
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

    private void apply(byte[] key, byte[] value) {
        String k = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            requests.remove(k);
            return;
        }
        try {
            requests.put(DeleteRequest.fromJson(value));
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s record %s left out: it is not a deletion request this service can apply", Topics.LOG_DELETES, k);
        }
    }


}
