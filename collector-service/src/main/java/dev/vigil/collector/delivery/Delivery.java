package dev.vigil.collector.delivery;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.collector.spool.DiskSpool;
import dev.vigil.collector.spool.SpoolRecord;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Sends the collector's metric and log batches to {@code vigil.metrics} and {@code vigil.logs}
 * through a {@link BatchPublisher}, and rides out broker outages with a {@link DiskSpool}.
 *
 * <p>A batch is split by partition before it is sent, so each Kafka record is acknowledged or
 * fails on its own: a record that fails (the producer's delivery timeout, or no metadata) is
 * written to the spool by itself, and what Kafka already has is never sent again. Kafka counts
 * as unreachable from the first failure, or as soon as a send has waited longer than the stall
 * timeout for its answer; from then on new batches go straight to the spool, behind the older
 * ones, while the records the producer already holds stay with it (it retries them with their
 * sequence numbers, so the broker writes each once). A drainer resends the spool oldest first,
 * once a second, and sending directly resumes when the spool is empty and no send is stalled.
 * While the broker is down a drain attempt waits for it and leaves the spool untouched.
 *
 * <p>The log tailer acknowledges in file order, so while the producer still holds its first
 * unanswered batches the tailer stops reading once its pending limit is reached: the lines wait
 * in their files, not in memory. They are read on when the broker answers, or when the
 * producer's delivery timeout moves those batches to the spool.
 *
 * <p>The returned stage completes when the batch is acknowledged by Kafka <em>or</em> synced to
 * the spool on disk: either way it survives a collector restart, so the log tailer may move its
 * read positions past it. It fails only when the spool cannot be written, and then the tailer
 * re-reads. When the spool is full its oldest records are dropped and counted
 * ({@link DiskSpool#droppedRecords()}), never silently.
 *
 * <p>Delivery is exactly once unless the broker stays away longer than the producer's delivery
 * timeout while a record it already wrote was waiting for its answer: that record fails, is
 * spooled and sent again, and the stores' idempotent writes absorb the copy.
 */
public final class Delivery implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Delivery.class);
    private static final int DRAIN_BATCH = 64;

    private final BatchPublisher publisher;
    private final ToIntFunction<String> partitions;
    private final DiskSpool spool;
    private final ExecutorService spoolWriter;
    private final ScheduledExecutorService drainer;
    private final long stallNanos;
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sendIds = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong spoolWriteFailures = new AtomicLong();
    private volatile boolean spooling;
    private long droppedSeen;

    /**
     * @param publisher     sends batches to Kafka
     * @param partitions    the partition count of a topic, as the publisher sees it
     * @param spool         where undelivered batches wait; owned by this object from now on
     * @param drainInterval time between attempts to empty the spool
     * @param stallTimeout  a send unanswered for this long means Kafka is unreachable
     */
    public Delivery(BatchPublisher publisher, ToIntFunction<String> partitions, DiskSpool spool, Duration drainInterval,
                    Duration stallTimeout) {
        this.publisher = publisher;
        this.partitions = partitions;
        this.spool = spool;
        this.spooling = spool.size() > 0;
        this.spoolWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "delivery-spool"));
        this.stallNanos = stallTimeout.toNanos();
        // Two threads: the watchdog must run while a drain waits for an absent broker.
        this.drainer = Executors.newScheduledThreadPool(2, r -> daemon(r, "delivery-drain"));
        long every = drainInterval.toMillis();
        drainer.scheduleWithFixedDelay(this::drain, every, every, TimeUnit.MILLISECONDS);
        drainer.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    /** Publishes series; completes once they are in Kafka or in the spool. */
    public CompletionStage<Void> publishMetrics(List<MetricSeries> series) {
        return publish(BatchKind.METRICS, series);
    }

    /** Publishes log streams; completes once they are in Kafka or in the spool. */
    public CompletionStage<Void> publishLogs(List<LogStream> streams) {
        return publish(BatchKind.LOGS, streams);
    }

    /** Publishes tailed lines grouped into streams, keeping file order within each stream; a {@code LogSink}. */
    public CompletionStage<Void> publishLines(List<LogLine> lines) {
        Map<Labels, List<LogEntry>> byStream = new LinkedHashMap<>();
        for (LogLine l : lines) {
            byStream.computeIfAbsent(l.stream(), k -> new ArrayList<>()).add(new LogEntry(l.timestampNanos(), l.line()));
        }
        List<LogStream> streams = new ArrayList<>(byStream.size());
        byStream.forEach((labels, entries) -> streams.add(new LogStream(labels, entries)));
        return publishLogs(streams);
    }

    /** Whether new batches currently go to the spool because Kafka was unreachable. */
    public boolean spooling() {
        return spooling;
    }

    /** Records written to the spool so far (each is one partition's share of a batch). */
    public long spooledRecords() {
        return spooled.get();
    }

    /** Spooled records delivered to Kafka so far. */
    public long resentRecords() {
        return resent.get();
    }

    /** Kafka records whose direct send failed (and were spooled instead). */
    public long failedSends() {
        return failedSends.get();
    }

    /** Batches lost because the spool could not be written (disk errors). */
    public long spoolWriteFailures() {
        return spoolWriteFailures.get();
    }

    /** The spool, for its size and drop counters. */
    public DiskSpool spool() {
        return spool;
    }

    private <T> CompletionStage<Void> publish(BatchKind<T> kind, List<T> items) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (spooling) {
            return toSpool(List.of(record(kind, items)));
        }
        Map<Integer, List<T>> groups;
        try {
            groups = byPartition(kind, items);
        } catch (RuntimeException e) {
            enterSpooling(e);
            return toSpool(List.of(record(kind, items)));
        }
        List<CompletableFuture<Void>> done = new ArrayList<>(groups.size());
        for (List<T> group : groups.values()) {
            done.add(send(kind, group).handle((ok, err) -> err).thenCompose(err -> {
                if (err == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                failedSends.incrementAndGet();
                enterSpooling(err);
                return toSpool(List.of(record(kind, group)));
            }));
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private <T> Map<Integer, List<T>> byPartition(BatchKind<T> kind, List<T> items) {
        int n = partitions.applyAsInt(kind.topic());
        Map<Integer, List<T>> groups = new TreeMap<>();
        for (T item : items) {
            groups.computeIfAbsent(SeriesHash.partition(kind.labels().apply(item), n), p -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    private <T> CompletableFuture<Void> send(BatchKind<T> kind, List<T> group) {
        long id = sendIds.incrementAndGet();
        inFlight.put(id, System.nanoTime());
        CompletableFuture<Void> sent;
        try {
            sent = kind.publish().apply(publisher, group);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((ok, err) -> inFlight.remove(id));
    }

    private boolean stalled() {
        long now = System.nanoTime();
        for (long started : inFlight.values()) {
            if (now - started > stallNanos) {
                return true;
            }
        }
        return false;
    }

    private void watch() {
        if (!spooling && stalled()) {
            enterSpooling(new IllegalStateException("a send has had no answer for " + Duration.ofNanos(stallNanos).toSeconds() + " s"));
        }
        long dropped = spool.droppedRecords();
        if (dropped > droppedSeen) {
            LOG.warn("delivery spool full: dropped " + (dropped - droppedSeen)
                    + " of its oldest batches (" + dropped + " in all); raise vigil.collector.spool.max-bytes to keep more");
            droppedSeen = dropped;
        }
    }

    private static <T> SpoolRecord record(BatchKind<T> kind, List<T> items) {
        return new SpoolRecord(kind.topic(), new byte[0], kind.encode().apply(items));
    }

    private CompletableFuture<Void> toSpool(List<SpoolRecord> records) {
        return CompletableFuture.runAsync(() -> {
            try {
                spool.appendAll(records);
                spooled.addAndGet(records.size());
            } catch (IOException e) {
                spoolWriteFailures.incrementAndGet();
                LOG.error("cannot write the delivery spool; " + records.size() + " record(s) not stored", e);
                throw new SpoolWriteException("delivery spool not writable: " + e.getMessage(), e);
            }
        }, spoolWriter);
    }

    private void enterSpooling(Throwable cause) {
        if (!spooling) {
            spooling = true;
            LOG.warn("Kafka not reachable (" + rootMessage(cause)
                    + "); spooling to disk until it is back");
        }
    }

    // Package-private so tests can drain at a moment of their choosing.
    void drain() {
        try {
            while (spool.size() > 0) {
                if (spool.drainOnce(DRAIN_BATCH, this::resend) == 0) {
                    break;
                }
            }
            if (spooling && spool.size() == 0 && !stalled()) {
                spooling = false;
                LOG.info("Kafka reachable again; spool delivered");
            }
        } catch (Exception e) {
            // Still down: the spool keeps everything and the next tick tries again.
            LOG.debug("spool drain failed: " + rootMessage(e));
        }
    }

    /**
     * Sends spooled records, each split by partition. If nothing got through the batch stays in
     * the spool; if only some did, the failed parts go back to the spool's tail, so nothing is
     * sent twice and nothing is lost.
     */
    private void resend(List<SpoolRecord> batch) throws Exception {
        List<CompletableFuture<SpoolRecord>> failures = new ArrayList<>();
        int parts = 0;
        for (SpoolRecord r : batch) {
            List<SpoolRecord> split = split(r);
            parts += split.size();
            for (SpoolRecord part : split) {
                failures.add(resendPart(part).handle((ok, err) -> err == null ? null : part));
            }
        }
        List<SpoolRecord> failed = new ArrayList<>();
        for (CompletableFuture<SpoolRecord> f : failures) {
            SpoolRecord part = f.get();
            if (part != null) {
                failed.add(part);
            }
        }
        if (failed.size() == parts) {
            throw new IllegalStateException(parts + " spooled record part(s) not delivered");
        }
        if (!failed.isEmpty()) {
            spool.appendAll(failed);
        }
        resent.addAndGet(parts - failed.size());
    }

    private List<SpoolRecord> split(SpoolRecord r) {
        if (r.topic().equals(Topics.METRICS)) {
            return splitAs(BatchKind.METRICS, r);
        }
        if (r.topic().equals(Topics.LOGS)) {
            return splitAs(BatchKind.LOGS, r);
        }
        LOG.warn("spooled record for unknown topic " + r.topic() + " discarded");
        return List.of();
    }

    private <T> List<SpoolRecord> splitAs(BatchKind<T> kind, SpoolRecord r) {
        List<T> items = kind.decode().apply(r.value());
        List<SpoolRecord> parts = new ArrayList<>();
        for (List<T> group : byPartition(kind, items).values()) {
            parts.add(record(kind, group));
        }
        return parts;
    }

    private CompletableFuture<Void> resendPart(SpoolRecord part) {
        return part.topic().equals(Topics.METRICS)
                ? send(BatchKind.METRICS, BatchKind.METRICS.decode().apply(part.value()))
                : send(BatchKind.LOGS, BatchKind.LOGS.decode().apply(part.value()));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops draining and closes the spool; what it holds is sent after the next start. */
    @Override
    public void close() throws IOException {
        drainer.shutdownNow();
        spoolWriter.shutdown();
        try {
            drainer.awaitTermination(15, TimeUnit.SECONDS);
            spoolWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.close();
    }
}
