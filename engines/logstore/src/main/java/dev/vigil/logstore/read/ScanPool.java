package dev.vigil.logstore.read;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that decompress and search a store's chunks ahead of the cursors reading them, so
 * that a scan uses several cores while its results still come out in order from one thread.
 * Each cursor keeps at most {@link #ahead()} chunks in flight, which bounds the memory of a scan
 * and the work wasted when a query stops early.
 *
 * <p>A reader never depends on the pool to make progress: it runs a chunk's work itself when no
 * worker has picked it up yet (also after {@link #close()}, when new work is no longer accepted).
 * Workers are daemon threads that exit after 30 s without work.
 */
public final class ScanPool implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;
    private final int ahead;
    private final AtomicLong submitted = new AtomicLong();

    /** A pool of {@code threads} workers; with one thread, chunks are decoded by the reader alone. */
    public ScanPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("scan threads must be at least 1, got " + threads);
        }
        this.ahead = threads == 1 ? 0 : threads;
        if (threads == 1) {
            this.executor = null;
            return;
        }
        String prefix = "logstore-scan-" + POOLS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // Rejected work (after close) stays unstarted, so the reader that waits for it runs it.
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory, new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** How many chunks a cursor may have decoded ahead of the one it reads; 0 without workers. */
    int ahead() {
        return ahead;
    }

    /** Queues {@code task} for a worker. */
    void submit(FutureTask<?> task) {
        if (executor != null) {
            submitted.incrementAndGet();
            executor.execute(task);
        }
    }

    /** How many chunks have been handed to the workers so far: what early stops are checked by. */
    long submitted() {
        return submitted.get();
    }

    /**
     * The result of {@code task}, running it on the calling thread when no worker has started it.
     * What the task threw is rethrown as it was, so a corrupt chunk fails the read that needs it.
     */
    static <T> T join(FutureTask<T> task) {
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("chunk scan failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a chunk to be decoded", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the cursor was closed", e);
        }
    }

    /**
     * Stops accepting work. Queued work still runs; nothing is interrupted, because interrupting
     * a thread in a file read would close the segment's channel for everyone.
     */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
