package dev.vigil.alert.stream;

import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.DecodeException;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricRecordReader;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows {@code vigil.metrics} for the streaming rules: reads every partition (no consumer group:
 * each alert service instance needs every sample its rules read), starting a window's length back
 * in time so the first evaluations see what the query API would, keeps the samples of the series
 * some rule watches in a {@link WindowStore}, and after each poll tells which owners (rule groups)
 * got samples. Until it has read up to where the topic ended when it started it is not
 * {@linkplain #ready() ready}, and the rules are evaluated through the query API meanwhile.
 *
 * @param <K> what a watch belongs to (a rule group)
 */
public final class MetricsFollower<K> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetricsFollower.class);
    /**
     * How often series that went quiet are forgotten and the broker is asked whether it still
     * answers (more often when the window is shorter).
     */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(5);

    /** Samples of series matching {@code matchers} concern {@code owner}. */
    public record Watch<K>(K owner, List<LabelMatcher> matchers) {
    }

    /**
     * What a series seen on the topic is to the follower: where its samples go (null: nowhere) and
     * whom they concern. The reader caches it by the series' label bytes, so when the store forgets
     * a series that went quiet the handle is pointed at the new buffer on its next sample.
     */
    private static final class Handle {
        private WindowStore.WindowSeries series;
        private final Object[] owners;

        Handle(WindowStore.WindowSeries series, Object[] owners) {
            this.series = series;
            this.owners = owners;
        }
    }

    private static final Handle IGNORED = new Handle(null, new Object[0]);

    private final KafkaClientConfig kafka;
    private final List<Watch<K>> watches;
    private final WindowStore store;
    private final long retainMs;
    private final int maxSeries;
    private final java.util.function.Consumer<Set<K>> onSamples;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile boolean overflowed;
    private volatile long undecodable;
    /** Owners to tell again when a sample stamped ahead of the clock becomes current, by that time. */
    private final Map<K, Long> dueLater = new HashMap<>();
    private Consumer<byte[], byte[]> consumer;

    /**
     * @param retainMs  how far back from each series' newest sample to keep (the longest window any
     *                  watched rule reads, with a margin)
     * @param maxSeries series kept at most; past it the follower stops being ready, for good, and
     *                  the rules fall back to the query API (streaming would no longer be exact)
     * @param onSamples called on the follower's thread after each poll, with the owners whose series
     *                  got samples; must not block for long
     */
    public MetricsFollower(KafkaClientConfig kafka, List<Watch<K>> watches, long retainMs, long outOfOrderWindowMs,
            int maxSeries, java.util.function.Consumer<Set<K>> onSamples, Clock clock) {
        this.kafka = kafka;
        this.watches = List.copyOf(watches);
        this.store = new WindowStore(retainMs, outOfOrderWindowMs);
        this.retainMs = retainMs;
        this.maxSeries = maxSeries;
        this.onSamples = onSamples;
        this.clock = clock;
        this.thread = new Thread(this::run, "alert-streaming-follower");
        thread.setDaemon(true);
    }

    public MetricsFollower<K> start() {
        thread.start();
        return this;
    }

    /** True once the backlog is read and while the series stay within the limit: local answers are exact. */
    public boolean ready() {
        return ready && !overflowed;
    }

    public WindowStore store() {
        return store;
    }

    /** Records that did not decode (the metrics service dead-letters them; here they are skipped). */
    public long undecodable() {
        return undecodable;
    }

    /**
     * Follows the topic until closed or over the series limit. A failure (the broker unreachable,
     * the topic's partitions changed) makes the follower not ready, so the query API answers,
     * and it starts over after a pause: a new consumer reading the window back again (the samples
     * it still holds are refused as duplicates, what it missed is filled in).
     */
    private void run() {
        try {
            while (running && !overflowed) {
                try {
                    follow();
                } catch (WakeupException | InterruptException e) {
                    return; // closing
                } catch (KafkaException | PartitionsChanged e) {
                    ready = false;
                    if (!running) {
                        return;
                    }
                    LOG.warnf("streaming rules: following %s failed (%s); the query API answers until it is read again",
                            Topics.METRICS, e.toString());
                    pause(RETRY_BACKOFF.toMillis());
                }
            }
        } finally {
            ready = false; // however the thread ends (a bug surfaces through its uncaught handler), the query API answers
        }
        if (overflowed) {
            store.forgetOlderThan(Long.MAX_VALUE); // no longer used: give the memory back
        }
    }

    /** The topic has other partitions than the follower assigned itself: it starts over. */
    private static final class PartitionsChanged extends RuntimeException {
        PartitionsChanged(String message) {
            super(message);
        }
    }

    private void follow() {
        try (Consumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-alert-streaming",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = awaitPartitions(c);
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            seekToWindowStart(c, partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            MetricRecordReader<Handle> reader = new MetricRecordReader<>(this::resolve, Math.max(1024, maxSeries));
            Set<K> dirty = new LinkedHashSet<>();
            long checkEvery = Math.min(CHECK_EVERY.toMillis(), retainMs);
            long nextCheck = clock.millis() + checkEvery;
            while (running && !overflowed) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(pollTimeout()));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    try {
                        reader.read(r.value(), (h, ts, v) -> append(h, ts, v, dirty));
                    } catch (DecodeException e) {
                        undecodable++;
                    }
                }
                boolean wasReady = ready;
                if (!ready && caughtUp(c, end)) {
                    ready = true;
                    LOG.infof("streaming rules: read %s back, %d series watched", Duration.ofMillis(retainMs), store.size());
                }
                long now = clock.millis();
                dueLater.entrySet().removeIf(e -> {
                    if (e.getValue() > now) {
                        return false;
                    }
                    dirty.add(e.getKey()); // a sample stamped ahead of the clock is current now
                    return true;
                });
                // the backlog's samples are history: the scheduled runs evaluate over them from now on
                if (wasReady && !dirty.isEmpty()) {
                    onSamples.accept(Set.copyOf(dirty));
                }
                dirty.clear();
                if (now >= nextCheck) {
                    store.forgetOlderThan(now - retainMs);
                    stillFollowing(c, partitions);
                    nextCheck = now + checkEvery;
                }
            }
        }
    }

    /**
     * Throws when this follower can no longer be sure it sees every sample: the broker does not
     * answer (a consumer that lost it just polls nothing), or the topic has other partitions now.
     */
    private static void stillFollowing(Consumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        c.endOffsets(partitions, LIVENESS_TIMEOUT);
        List<PartitionInfo> now = c.partitionsFor(Topics.METRICS, LIVENESS_TIMEOUT);
        if (now == null || now.size() != partitions.size()) {
            throw new PartitionsChanged(Topics.METRICS + " has " + (now == null ? 0 : now.size()) + " partitions now, "
                    + partitions.size() + " before");
        }
    }

    /** Up to 200 ms, less when a sample stamped ahead of the clock becomes current sooner. */
    private long pollTimeout() {
        long now = clock.millis();
        long timeout = 200;
        for (long due : dueLater.values()) {
            timeout = Math.min(timeout, Math.max(0, due - now));
        }
        return timeout;
    }

    private void pause(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void append(Handle h, long ts, double v, Set<K> dirty) {
        if (h.series == null) {
            return;
        }
        if (h.series.removed()) {
            h.series = store.series(h.series.labels());
        }
        if (h.series.append(ts, v)) {
            long ahead = ts - clock.millis();
            for (Object o : h.owners) {
                dirty.add((K) o);
                if (ahead > 0 && ahead <= retainMs) {
                    // evaluated now it is not seen yet: evaluate again when its time comes
                    dueLater.merge((K) o, ts, Math::max);
                }
            }
        }
    }

    private Handle resolve(Labels labels) {
        List<Object> owners = new ArrayList<>(2);
        for (Watch<K> w : watches) {
            if (LabelMatcher.matchAll(w.matchers(), labels) && !owners.contains(w.owner())) {
                owners.add(w.owner());
            }
        }
        if (owners.isEmpty() || overflowed) {
            return IGNORED;
        }
        // the reader's cache starts over now and then and resolves known series again: only a new one counts
        if (!store.holds(labels) && store.size() >= maxSeries) {
            overflowed = true;
            LOG.warnf("streaming rules watch more than %d series (vigil.alert.streaming.max-series); "
                    + "rules are evaluated through the query API from now on", maxSeries);
        }
        return new Handle(store.series(labels), owners.toArray());
    }

    private List<TopicPartition> awaitPartitions(Consumer<byte[], byte[]> c) {
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(Topics.METRICS, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
                return out;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    /** Positions each partition at the first record written a window's length ago (the end if none). */
    private void seekToWindowStart(Consumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        long from = clock.millis() - retainMs;
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = found.get(p);
            if (o == null) {
                toEnd.add(p);
            } else {
                c.seek(p, o.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            c.seekToEnd(toEnd);
        }
    }

    private static boolean caughtUp(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
