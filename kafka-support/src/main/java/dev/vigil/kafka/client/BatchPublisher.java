package dev.vigil.kafka.client;

import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogStream;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Publishes metric and log batches to {@code vigil.metrics} and {@code vigil.logs}: series (or
 * streams) are grouped by the partition their label hash chooses, one record per partition, so
 * every series always reaches the same Kafka Streams task.
 *
 * <p>Each record's key is its partition number ({@link #partitionKey}). The services rebuild a
 * partition's store from the topic when the partition moves to them, and Kafka Streams leaves
 * records without a key out of such a rebuild; any producer writing these topics should set one.
 */
public final class BatchPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;

    /** Publishes through {@code producer}; closing this publisher closes it. */
    public BatchPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** A publisher with a producer of its own ({@link ProducerFactory#create} with these overrides). */
    public static BatchPublisher open(String bootstrapServers, String clientId, Map<String, Object> overrides) {
        return new BatchPublisher(ProducerFactory.create(bootstrapServers, clientId, overrides));
    }

    /** Waits up to ten seconds for records still in flight, then closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Sends the series; the future completes when Kafka has acknowledged every record. */
    public CompletableFuture<Void> publishMetrics(List<MetricSeries> series) {
        return publish(Topics.METRICS, series, MetricSeries::labels, MetricCodec::encode);
    }

    public CompletableFuture<Void> publishLogs(List<LogStream> streams) {
        return publish(Topics.LOGS, streams, LogStream::labels, LogCodec::encode);
    }

    /** The partition count of {@code topic}, as the producer's metadata knows it. */
    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /**
     * Sends records already encoded and split by partition ({@code records[p]} for partition
     * {@code p}, null for none); the future completes when Kafka has acknowledged every record.
     */
    public CompletableFuture<Void> publishEncoded(String topic, byte[][] records) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        for (int p = 0; p < records.length; p++) {
            if (records[p] != null) {
                acks.add(send(topic, p, records[p]));
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /** The key of a record for {@code partition}: the partition number, 4 bytes big-endian. */
    public static byte[] partitionKey(int partition) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
    }

    private <T> CompletableFuture<Void> publish(String topic, List<T> items, Function<T, Labels> labels,
                                                Function<List<T>, byte[]> encode) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int partitions = partitions(topic);
        Map<Integer, List<T>> byPartition = new TreeMap<>();
        for (T item : items) {
            byPartition.computeIfAbsent(SeriesHash.partition(labels.apply(item), partitions), p -> new ArrayList<>()).add(item);
        }
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        for (Map.Entry<Integer, List<T>> e : byPartition.entrySet()) {
            acks.add(send(topic, e.getKey(), encode.apply(e.getValue())));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<RecordMetadata> send(String topic, int partition, byte[] value) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, partition, partitionKey(partition), value), (md, ex) -> {
            if (ex != null) {
                ack.completeExceptionally(ex);
            } else {
                ack.complete(md);
            }
        });
        return ack;
    }
}
