package dev.vigil.collector.scrape;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Targets of a round are scraped at the same time: an exporter that answers only once the other
 * target of the round has been asked is up when the round scrapes concurrently, and times out
 * when it scrapes one target after the other. No timing is measured, only who answered.
 */
class ScrapeRoundTest {
    private HttpServer server;
    private CountDownLatch secondAsked;

    @BeforeEach
    void start() throws IOException {
        secondAsked = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/first", ex -> {
            try {
                secondAsked.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, "first 1\n");
        });
        server.createContext("/second", ex -> {
            secondAsked.countDown();
            answer(ex, "second 2\n");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSlowTargetDoesNotHoldUpTheOthers() throws Exception {
        try (ScrapeRound round = new ScrapeRound(scraper(), 2)) {
            List<ScrapeResult> results = round.scrapeAll(targets());
            assertTrue(results.get(0).up(), "the first target answered once the second was asked: " + results.get(0).error());
            assertTrue(results.get(1).up());
            assertEquals("first", results.get(0).samples().get(0).labels().metricName(), "results in the order of the targets");
            assertEquals("second", results.get(1).samples().get(0).labels().metricName());
        }
    }

    @Test
    void oneAtATimeTheFirstTargetTimesOut() throws Exception {
        try (ScrapeRound round = new ScrapeRound(scraper(), 1)) {
            List<ScrapeResult> results = round.scrapeAll(targets());
            assertFalse(results.get(0).up(), "scraped alone, the first target waits for a request that comes after it");
            assertTrue(results.get(1).up());
        }
    }

    @Test
    void anInterruptedRoundThrowsInsteadOfReportingItsTargetsDown() throws Exception {
        try (ScrapeRound round = new ScrapeRound(scraper(), 1)) {
            FutureTask<List<ScrapeResult>> scraping = new FutureTask<>(() -> round.scrapeAll(targets()));
            Thread waiting = new Thread(scraping);
            waiting.start();
            waiting.interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> scraping.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof InterruptedException, "a round cut short has no results to publish: " + e.getCause());
        }
    }

    @Test
    void concurrencyBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScrapeRound(scraper(), 0));
    }

    private Scraper scraper() {
        return new Scraper(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());
    }

    private List<ScrapeTarget> targets() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return List.of(ScrapeTarget.of("a", URI.create(base + "/first")).withTimeout(Duration.ofSeconds(1)),
                ScrapeTarget.of("b", URI.create(base + "/second")).withTimeout(Duration.ofSeconds(1)));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
