package dev.vigil.collector.nodelogs;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The scheduling shared by node log sources: one daemon thread calling {@link #pollOnce()}. */
abstract class PollingSource implements NodeLogSource {
    private static final Logger LOG = Logger.getLogger(PollingSource.class);
    private final Duration interval;
    private final String threadName;
    private ScheduledExecutorService scheduler;

    PollingSource(Duration interval, String threadName) {
        this.interval = interval;
        this.threadName = threadName;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException(threadName + " already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (IOException | RuntimeException e) {
                LOG.warn(threadName + " poll failed; retrying at the next poll: " + e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
