package dev.vigil.kafka.streams;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the partition stores open on this instance can reach their disk. Every store is made
 * durable through here before offsets are committed ({@link #flushAll}); when that fails (a full
 * disk, mostly) the failure is kept, with its reason, until a later attempt succeeds.
 * {@link WriteFailureGuard} pauses consumption meanwhile and retries; readiness checks and
 * {@code /q/metrics} read the state.
 *
 * <p>Nothing consumed is lost while writes fail: records a store could not take wait in the store
 * ({@link ReplayedStore}), offsets are not committed, and Streams writes no checkpoint for a store
 * whose flush failed, so a crash in that state replays them from the topic.
 */
public final class StoreDurability {
    private static final Logger LOG = Logger.getLogger(StoreDurability.class);

    /** Why writing stopped, and since when (Unix milliseconds). */
    public record Failure(String reason, long sinceMillis) {
    }

    private final Set<ReplayedStore<?>> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private volatile Failure failure;

    void opened(ReplayedStore<?> store) {
        open.add(store);
    }

    void closed(ReplayedStore<?> store) {
        open.remove(store);
    }

    /**
     * Makes every open store durable, the records it could not take yet first. Serialized, so the
     * guard's retry and a stream thread's commit never interleave.
     *
     * @throws IOException the first store that could not write; the failure is kept
     */
    public synchronized void flushAll() throws IOException {
        for (ReplayedStore<?> s : open) {
            s.makeDurable();
        }
        Failure was = failure;
        if (was != null) {
            failure = null;
            LOG.infof("The stores write again after %d s; what waited is durable", (System.currentTimeMillis() - was.sinceMillis()) / 1000);
        }
    }

    /** Records a failed write of {@code where}; the first of a run is logged with its reason, the rest only counted. */
    void failed(String where, IOException e) {
        failures.incrementAndGet();
        if (failure == null) {
            failure = new Failure(where + ": " + reason(e), System.currentTimeMillis());
            LOG.errorf("A store cannot write (%s): consumption pauses until it can, queries go on", failure.reason());
        }
    }

    /** The current failure, empty while stores write. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Failed write attempts since start. */
    public long failures() {
        return failures.get();
    }

    /** The innermost message, which names the cause ("No space left on device") and the file. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
