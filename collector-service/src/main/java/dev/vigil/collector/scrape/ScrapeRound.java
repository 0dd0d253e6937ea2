package dev.vigil.collector.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes a round of targets at once, as Prometheus scrapes each target on its own: a target
 * that answers slowly (up to its timeout) no longer holds up the others, as long as fewer than
 * {@code concurrency} are slow at once. At most {@code concurrency} scrapes run together, on
 * daemon threads, so the collector's footprint stays bounded however many pods are annotated
 * (each running scrape may hold a body of up to the body limit).
 */
public final class ScrapeRound implements AutoCloseable {
    private final Scraper scraper;
    private final ExecutorService pool;

    public ScrapeRound(Scraper scraper, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("scrape concurrency must be at least 1, got " + concurrency);
        }
        this.scraper = scraper;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "scrape-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Each target's result, in the order of {@code targets}; a scrape never throws (see
     * {@link Scraper}). Interrupted (the collector stopping), it cancels what has not run and
     * throws, so a round cut short publishes nothing.
     */
    public List<ScrapeResult> scrapeAll(List<ScrapeTarget> targets) throws InterruptedException {
        List<Future<ScrapeResult>> running = new ArrayList<>(targets.size());
        for (ScrapeTarget t : targets) {
            running.add(pool.submit(() -> scraper.scrape(t)));
        }
        List<ScrapeResult> out = new ArrayList<>(targets.size());
        try {
            for (Future<ScrapeResult> f : running) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scrape threw: " + e.getCause(), e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
