package dev.vigil.collector.diagnostics;

import dev.vigil.collector.NodeIdentity;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.nodelogs.ProcessCommandRunner;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.DecodeException;
import dev.vigil.model.NodeOs;
import dev.vigil.model.Topics;
import dev.vigil.model.json.DiagnosticsRequest;
import dev.vigil.model.json.DiagnosticsResult;
import dev.vigil.model.json.Json;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link DiagnosticsRequest}s from {@code vigil.diagnostics.requests} and publishes this
 * node's {@link DiagnosticsResult}s on {@code vigil.diagnostics.results}, keyed by node. Each
 * collector reads in its own consumer group ({@code vigil-collector-<node>}) because every node
 * must see every request. A heartbeat result (check {@code heartbeat}, no run) goes out every
 * {@link #HEARTBEAT_EVERY} so the diagnostics service knows the collector runs between runs.
 * Off unless {@code vigil.collector.diagnostics.enabled=true}.
 */
@ApplicationScoped
public class NodeCheckListener {
    private static final Logger LOG = Logger.getLogger(NodeCheckListener.class);
    static final Duration HEARTBEAT_EVERY = Duration.ofMinutes(1);
    private final boolean enabled;
    private final KafkaClientConfig kafka;
    private final NodeIdentity identity;
    private final Optional<String> hostRoot;
    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    public NodeCheckListener(CollectorConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                             NodeIdentity identity) {
        this.enabled = config.diagnostics().enabled();
        this.hostRoot = config.diagnostics().hostRoot();
        this.kafka = new KafkaClientConfig(kafka);
        this.identity = identity;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        Path root = Path.of(hostRoot.orElse(identity.os() == NodeOs.WINDOWS ? "C:\\" : "/"));
        NodeEnvironment env = new NodeEnvironment(identity.node(), identity.os(), root, System.getenv(),
                new SystemHostProbes(new ProcessCommandRunner(Duration.ofSeconds(10))), Clock.systemUTC());
        NodeCheckRunner runner = new NodeCheckRunner(NodeChecks.all());
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "vigil-collector-" + identity.node(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")), new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(() -> loop(runner, env, producer), "vigil-node-checks");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(NodeCheckRunner runner, NodeEnvironment env, KafkaProducer<String, byte[]> producer) {
        try (producer) {
            consumer.subscribe(List.of(Topics.DIAGNOSTICS_REQUESTS));
            long nextHeartbeat = 0;
            while (running) {
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    producer.send(new ProducerRecord<>(Topics.DIAGNOSTICS_RESULTS, env.node(), Json.encode(NodeCheckRunner.heartbeat(env))));
                    nextHeartbeat = System.nanoTime() + HEARTBEAT_EVERY.toNanos();
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        for (DiagnosticsResult res : runner.answer(Json.decode(r.value(), DiagnosticsRequest.class), env)) {
                            producer.send(new ProducerRecord<>(Topics.DIAGNOSTICS_RESULTS, env.node(), Json.encode(res)));
                        }
                    } catch (DecodeException e) {
                        LOG.warnf("skipping undecodable diagnostics request at offset %d: %s", r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
