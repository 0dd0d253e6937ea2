package dev.vigil.collector.nodelogs;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.collector.logs.LogSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects lines into batches and delivers each one synchronously: the bookmark of a batch's
 * last entry is committed only after the sink acknowledged it. Node logs are a trickle next to
 * container logs, so waiting for each acknowledgement costs nothing and keeps the bookmark exact.
 */
final class AckedBatches {
    /** Persists the bookmark that follows an acknowledged batch. */
    @FunctionalInterface
    interface Commit {
        void commit(String bookmark) throws IOException;
    }

    private final LogSink sink;
    private final int maxBatch;
    private final Duration ackTimeout;
    private final Commit commit;
    private final List<LogLine> lines = new ArrayList<>();
    private String bookmark = "";
    private int acknowledged;

    AckedBatches(LogSink sink, int maxBatch, Duration ackTimeout, Commit commit) {
        this.sink = sink;
        this.maxBatch = maxBatch;
        this.ackTimeout = ackTimeout;
        this.commit = commit;
    }

    /** Adds a line; {@code bookmarkAfter} is where to resume once it is delivered. */
    void add(LogLine line, String bookmarkAfter) throws IOException {
        lines.add(line);
        bookmark = bookmarkAfter;
        if (lines.size() >= maxBatch) {
            flush();
        }
    }

    /** Delivers what is pending and waits for the acknowledgement; throws if delivery failed. */
    void flush() throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        List<LogLine> batch = List.copyOf(lines);
        try {
            sink.deliver(batch).toCompletableFuture().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("node log delivery failed; will resume from the last bookmark: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("node log delivery not acknowledged within " + ackTimeout.toMillis() + "ms; will resume from the last bookmark");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delivering node logs", e);
        }
        lines.clear();
        commit.commit(bookmark);
        acknowledged += batch.size();
    }

    int acknowledged() {
        return acknowledged;
    }
}
