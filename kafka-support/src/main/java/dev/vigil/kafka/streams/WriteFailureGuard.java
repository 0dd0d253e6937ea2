package dev.vigil.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops consumption while the stores cannot write, and starts it again when they can: on a
 * recorded {@link StoreDurability} failure it pauses the Streams client (its threads keep polling,
 * so the group keeps its members and no partition moves), then retries
 * {@link StoreDurability#flushAll} every {@code retryInterval}, outside the stream threads, since a
 * paused task runs no punctuator; the first success resumes it. Queries read the stores
 * throughout.
 */
public final class WriteFailureGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WriteFailureGuard.class);

    private final KafkaStreams streams;
    private final StoreDurability durability;
    private final ScheduledExecutorService timer;
    private volatile boolean paused;

    private WriteFailureGuard(KafkaStreams streams, StoreDurability durability) {
        this.streams = streams;
        this.durability = durability;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-write-guard");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; {@link #close} stops. */
    public static WriteFailureGuard start(KafkaStreams streams, StoreDurability durability, Duration retryInterval) {
        WriteFailureGuard g = new WriteFailureGuard(streams, durability);
        long ms = Math.max(1, retryInterval.toMillis());
        g.timer.scheduleWithFixedDelay(g::check, ms, ms, TimeUnit.MILLISECONDS);
        return g;
    }

    /** True while consumption is paused for a write failure. */
    public boolean paused() {
        return paused;
    }

    void check() {
        try {
            if (durability.failure().isEmpty()) {
                resume();
                return;
            }
            if (!paused) {
                streams.pause();
                paused = true;
                LOG.warnf("Consumption paused: %s", durability.failure().map(StoreDurability.Failure::reason).orElse(""));
            }
            durability.flushAll();
            resume();
        } catch (IOException e) {
            // still failing; recorded by the store, tried again next time
        } catch (RuntimeException e) {
            LOG.warn("Store write check failed; tried again next time", e);
        }
    }

    private void resume() {
        if (paused) {
            streams.resume();
            paused = false;
            LOG.info("Consumption resumed: the stores write again");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
