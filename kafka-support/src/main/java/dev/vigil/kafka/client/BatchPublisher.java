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
    /**
     * Largest record value written: below the 1 MiB of the producer's {@code max.request.size} and
     * the broker's {@code message.max.bytes}, with room for the key and batch headers. A batch that
     * encodes larger is split; Kafka would refuse it, and a sender retries a 5xx forever.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    private final Producer<byte[], byte[]> producer;
    private final int maxRecordBytes;

    /** Publishes through {@code producer}; closing this publisher closes it. */
    public BatchPublisher(Producer<byte[], byte[]> producer) {
        this(producer, DEFAULT_MAX_RECORD_BYTES);
    }

    public BatchPublisher(Producer<byte[], byte[]> producer, int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
        this.producer = producer;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A publisher with a producer of its own ({@link ProducerFactory#create} with these overrides). */
    public static BatchPublisher open(KafkaClientConfig kafka, String clientId, Map<String, Object> overrides) {
        return new BatchPublisher(ProducerFactory.create(kafka, clientId, overrides));
    }

    /** As {@link #open(KafkaClientConfig, String, Map)}, with records kept to {@code maxRecordBytes}. */
    public static BatchPublisher open(KafkaClientConfig kafka, String clientId, Map<String, Object> overrides,
                                      int maxRecordBytes) {
        return new BatchPublisher(ProducerFactory.create(kafka, clientId, overrides), maxRecordBytes);
    }

    /** The largest record value this publisher writes. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Waits up to ten seconds for records still in flight, then closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * Sends the series; the future completes when Kafka has acknowledged every record.
     *
     * @throws OversizedRecordException before anything is sent, when one series alone encodes larger
     *         than {@link #maxRecordBytes()}
     */
    public CompletableFuture<Void> publishMetrics(List<MetricSeries> series) {
        return publish(Topics.METRICS, series, MetricSeries::labels, MetricCodec::encode, BatchPublisher::halve);
    }

    public CompletableFuture<Void> publishLogs(List<LogStream> streams) {
        return publish(Topics.LOGS, streams, LogStream::labels, LogCodec::encode, BatchPublisher::halve);
    }

    /** The partition count of {@code topic}, as the producer's metadata knows it. */
    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /**
     * Sends records already encoded and split by partition ({@code records[p]} for partition
     * {@code p}, null for none); the future completes when Kafka has acknowledged every record.
     *
     * @throws OversizedRecordException before anything is sent, when a record exceeds {@link #maxRecordBytes()}
     *         (check with {@link #fits} and publish decoded batches instead, which are split)
     */
    public CompletableFuture<Void> publishEncoded(String topic, byte[][] records) {
        if (!fits(records)) {
            throw new OversizedRecordException("a record exceeds the largest Kafka record of " + maxRecordBytes + " bytes");
        }
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        for (int p = 0; p < records.length; p++) {
            if (records[p] != null) {
                acks.add(send(topic, p, records[p]));
            }
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /** Sends one keyed record (a compacted topic's entry); the future completes when Kafka has acknowledged it. */
    public CompletableFuture<Void> publishKeyed(String topic, byte[] key, byte[] value) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
            if (e == null) {
                ack.complete(null);
            } else {
                ack.completeExceptionally(e);
            }
        });
        return ack;
    }

    /** Whether every record is within {@link #maxRecordBytes()}. */
    public boolean fits(byte[][] records) {
        for (byte[] r : records) {
            if (r != null && r.length > maxRecordBytes) {
                return false;
            }
        }
        return true;
    }

    /** The key of a record for {@code partition}: the partition number, 4 bytes big-endian. */
    public static byte[] partitionKey(int partition) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
    }

    private <T> CompletableFuture<Void> publish(String topic, List<T> items, Function<T, Labels> labels,
                                                Function<List<T>, byte[]> encode, Function<T, List<T>> halve) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int partitions = partitions(topic);
        Map<Integer, List<T>> byPartition = new TreeMap<>();
        for (T item : items) {
            byPartition.computeIfAbsent(SeriesHash.partition(labels.apply(item), partitions), p -> new ArrayList<>()).add(item);
        }
        // Everything is encoded, and checked, before the first send: a refused request stores nothing.
        List<Integer> targets = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Map.Entry<Integer, List<T>> e : byPartition.entrySet()) {
            encodeWithin(e.getValue(), encode, halve, e.getKey(), targets, values);
        }
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            acks.add(send(topic, targets.get(i), values.get(i)));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /**
     * Encodes {@code items} as one record, or, when that exceeds the limit, as halves (recursively):
     * halves of the list, and a single series or stream by halves of its samples or entries.
     */
    private <T> void encodeWithin(List<T> items, Function<List<T>, byte[]> encode, Function<T, List<T>> halve,
                                  int partition, List<Integer> targets, List<byte[]> values) {
        byte[] value = encode.apply(items);
        if (value.length <= maxRecordBytes) {
            targets.add(partition);
            values.add(value);
            return;
        }
        if (items.size() == 1) {
            List<T> halves = halve.apply(items.get(0));
            if (halves == null) {
                throw new OversizedRecordException("one sample or log entry with its labels encodes to " + value.length
                        + " bytes, over the largest Kafka record of " + maxRecordBytes + " bytes");
            }
            for (T h : halves) {
                encodeWithin(List.of(h), encode, halve, partition, targets, values);
            }
            return;
        }
        int half = items.size() / 2;
        encodeWithin(items.subList(0, half), encode, halve, partition, targets, values);
        encodeWithin(items.subList(half, items.size()), encode, halve, partition, targets, values);
    }

    private static List<MetricSeries> halve(MetricSeries s) {
        int n = s.samples().size();
        return n < 2 ? null : List.of(new MetricSeries(s.labels(), s.samples().subList(0, n / 2)),
                new MetricSeries(s.labels(), s.samples().subList(n / 2, n)));
    }

    private static List<LogStream> halve(LogStream s) {
        int n = s.entries().size();
        return n < 2 ? null : List.of(new LogStream(s.labels(), s.entries().subList(0, n / 2)),
                new LogStream(s.labels(), s.entries().subList(n / 2, n)));
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
