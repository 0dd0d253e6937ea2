package dev.vigil.kafka.client;

import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.Topics;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes metric families' metadata to the compacted {@code vigil.metrics.metadata} topic, each
 * description once: a family described again as it was is not sent again, one that changed is.
 * Best effort: a description whose send failed is sent with the next offer that carries it.
 */
public final class MetadataPublisher {
    private final BatchPublisher publisher;
    private final Map<ByteBuffer, MetricMetadataRecord> sent = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    public MetadataPublisher(BatchPublisher publisher) {
        this.publisher = publisher;
    }

    public void offer(List<MetricMetadataRecord> records) {
        for (MetricMetadataRecord r : records) {
            ByteBuffer key = ByteBuffer.wrap(r.key());
            if (r.equals(sent.put(key, r))) {
                continue;
            }
            publisher.publishKeyed(Topics.METRIC_METADATA, r.key(), r.toJson()).whenComplete((ok, e) -> {
                if (e != null) {
                    sent.remove(key, r);
                    failures.incrementAndGet();
                }
            });
        }
    }

    /** Sends that Kafka refused or timed out. */
    public long failures() {
        return failures.get();
    }
}
