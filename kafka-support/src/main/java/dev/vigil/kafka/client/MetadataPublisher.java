package dev.vigil.kafka.client;

import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.Topics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes metric families' metadata to the compacted {@code vigil.metrics.metadata} topic, each
 * description once: a family described again as it was is not sent again, one that changed is.
 * Best effort, and never in the caller's way: the sends run on a thread of their own (a producer
 * that has not yet reached the broker blocks each send up to its {@code max.block.ms}, which must
 * not hold up a scrape or a remote-write answer), and a description whose send failed is sent with
 * the next offer that carries it.
 */
public final class MetadataPublisher implements AutoCloseable {
    private final BatchPublisher publisher;
    private final Map<ByteBuffer, MetricMetadataRecord> sent = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metadata-publisher");
        t.setDaemon(true);
        return t;
    });

    public MetadataPublisher(BatchPublisher publisher) {
        this.publisher = publisher;
    }

    public void offer(List<MetricMetadataRecord> records) {
        List<MetricMetadataRecord> fresh = new ArrayList<>();
        for (MetricMetadataRecord r : records) {
            if (!r.equals(sent.put(ByteBuffer.wrap(r.key()), r))) {
                fresh.add(r);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> fresh.forEach(this::send));
        } catch (RejectedExecutionException e) {
            fresh.forEach(r -> sent.remove(ByteBuffer.wrap(r.key()), r)); // closing: nothing more is sent
        }
    }

    private void send(MetricMetadataRecord r) {
        ByteBuffer key = ByteBuffer.wrap(r.key());
        publisher.publishKeyed(Topics.METRIC_METADATA, r.key(), r.toJson()).whenComplete((ok, e) -> {
            if (e != null) {
                sent.remove(key, r);
                failures.incrementAndGet();
            }
        });
    }

    /** Sends that Kafka refused or timed out. */
    public long failures() {
        return failures.get();
    }

    /** Stops sending; what is queued is given up to five seconds. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
