package dev.vigil.diagnostics.runs;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for the collectors of the fixture's nodes: answers every node-check request on the
 * real broker with one result per requested check and node, as the collector contract says
 * (SKIPPED for checks not of the node's OS). A node named {@code win-*} is a Windows node.
 */
public final class FakeCollectors implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    public FakeCollectors(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-collectors-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer());
        thread = new Thread(this::loop, "fake-collectors");
        thread.start();
    }

    private void loop() {
        consumer.subscribe(List.of(Topics.DIAGNOSTICS_REQUESTS));
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                DiagnosticsRequest req = Json.decode(r.value(), DiagnosticsRequest.class);
                for (String node : req.nodes()) {
                    String os = node.startsWith("win-") ? "windows" : "linux";
                    for (String check : req.checks()) {
                        boolean applies = !(check.equals("hostprocess") && os.equals("linux"));
                        DiagnosticsResult res = new DiagnosticsResult(req.runId(), node, os, check,
                                applies ? DiagnosticsResult.Status.PASSED : DiagnosticsResult.Status.SKIPPED,
                                applies ? check + " ok on " + os : "not a Windows node", Instant.now());
                        producer.send(new ProducerRecord<>(Topics.DIAGNOSTICS_RESULTS, node, Json.encode(res)));
                    }
                }
                producer.flush();
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        producer.close();
    }
}
