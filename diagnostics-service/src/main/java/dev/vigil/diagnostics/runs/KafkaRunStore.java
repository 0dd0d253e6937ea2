package dev.vigil.diagnostics.runs;

import org.apache.kafka.common.KafkaException;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.DecodeException;
import dev.vigil.model.Topics;
import dev.vigil.model.json.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run state in the compacted topic {@code vigil.diagnostics.runs}, keyed by run id, JSON values;
 * a deleted run is a tombstone. Restoring reads the topic from the beginning to its end offsets.
 * Writes wait for the broker's acknowledgement so that an acknowledged API call survives a crash.
 */
public final class KafkaRunStore implements RunStore {
    private static final Logger LOG = Logger.getLogger(KafkaRunStore.class);
    private final KafkaClientConfig kafka;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaRunStore(KafkaClientConfig kafka) {
        this.kafka = kafka;
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-diagnostics-runs")),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void save(RunState state) {
        send(new ProducerRecord<>(Topics.DIAGNOSTICS_RUNS, state.id(), Json.encode(state)));
    }

    @Override
    public void delete(String id) {
        send(new ProducerRecord<>(Topics.DIAGNOSTICS_RUNS, id, null));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the in-memory state stays authoritative; the next change of this run writes it again
            LOG.warnf("could not persist run %s to %s: %s", record.key(), Topics.DIAGNOSTICS_RUNS, e.getMessage());
        }
    }

    @Override
    public List<RunState> loadAll() {
        Map<String, RunState> runs = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-diagnostics-runs-restore")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(Topics.DIAGNOSTICS_RUNS, Duration.ofSeconds(15));
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        runs.remove(r.key());
                        continue;
                    }
                    try {
                        runs.put(r.key(), Json.decode(r.value(), RunState.class));
                    } catch (DecodeException e) {
                        LOG.warnf("run %s in %s is unreadable and is left out: %s", r.key(), Topics.DIAGNOSTICS_RUNS, e.getMessage());
                    }
                }
            }
        } catch (KafkaException e) {
            LOG.warnf("could not restore runs from %s: %s", Topics.DIAGNOSTICS_RUNS, e.getMessage());
        }
        return List.copyOf(runs.values());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
