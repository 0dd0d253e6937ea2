package dev.vigil.diagnostics.nodechecks;

import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.DecodeException;
import dev.vigil.model.Topics;
import dev.vigil.model.json.DiagnosticsRequest;
import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.json.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes {@link DiagnosticsRequest}s to {@code vigil.diagnostics.requests} (keyed by run id) and
 * reads {@link DiagnosticsResult}s from {@code vigil.diagnostics.results} on its own thread, in
 * consumer group {@code vigil-diagnostics}, handing each to a callback. Undecodable records are
 * logged and skipped; the collectors' own dead-letter handling covers their side.
 */
public final class KafkaNodeCheckExchange implements NodeCheckExchange {
    public static final String GROUP = "vigil-diagnostics";
    private static final Logger LOG = Logger.getLogger(KafkaNodeCheckExchange.class);
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaNodeCheckExchange(KafkaClientConfig kafka, Consumer<DiagnosticsResult> onResult) {
        producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-diagnostics-requests")), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                // a new group reads what collectors sent before the service first started: their heartbeats count
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-diagnostics-results")), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(() -> loop(onResult), "vigil-diagnostics-results");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Consumer<DiagnosticsResult> onResult) {
        try {
            consumer.subscribe(List.of(Topics.DIAGNOSTICS_RESULTS));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        onResult.accept(Json.decode(r.value(), DiagnosticsResult.class));
                    } catch (DecodeException e) {
                        LOG.warnf("skipping undecodable record at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "could not apply a node-check result");
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean publish(DiagnosticsRequest request) {
        try {
            producer.send(new ProducerRecord<>(Topics.DIAGNOSTICS_REQUESTS, request.runId(), Json.encode(request))).get(15, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warnf("could not publish node-check request of run %s: %s", request.runId(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
