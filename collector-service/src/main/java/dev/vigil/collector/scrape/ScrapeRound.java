package dev.vigil.collector.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes a round of targets at once, as Prometheus scrapes each target on its own: a target
 * that answers slowly (up to its timeout) no longer delays the others of the round. At most
 * {@code concurrency} scrapes run together, on daemon threads, so the collector's footprint stays
 * bounded however many pods are annotated.
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

    /** Each target's result, in the order of {@code targets}; a scrape never throws (see {@link Scraper}). */
    public List<ScrapeResult> scrapeAll(List<ScrapeTarget> targets) {
        List<CompletableFuture<ScrapeResult>> running = new ArrayList<>(targets.size());
        for (ScrapeTarget t : targets) {
            running.add(CompletableFuture.supplyAsync(() -> scraper.scrape(t), pool));
        }
        List<ScrapeResult> out = new ArrayList<>(targets.size());
        for (CompletableFuture<ScrapeResult> f : running) {
            out.add(f.join());
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
