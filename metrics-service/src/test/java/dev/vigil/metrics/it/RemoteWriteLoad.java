package dev.vigil.metrics.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends prebuilt remote-write bodies to one {@code /api/v1/write} URL the way Prometheus's queue
 * manager does: one HTTP/1.1 connection per sender (shard), each waiting for the answer to a
 * request before it sends the next. Shards may drift apart by at most {@link #MAX_SKEW_SCRAPES}
 * scrapes, as they do when one WAL feeds them all; a larger drift would put a slow shard's samples
 * more than an hour behind the newest and Prometheus would reject them as out of bounds.
 */
final class RemoteWriteLoad {
    static final int MAX_SKEW_SCRAPES = 120;

    /** What the receiver acknowledged: samples in 2xx answers, and the time from start to the last answer. */
    record Result(long acceptedSamples, long okRequests, long failedRequests, String firstError, double seconds) {
        double samplesPerSecond() {
            return acceptedSamples / seconds;
        }
    }

    private RemoteWriteLoad() {
    }

    /** Sends every body, or stops taking new ones after {@code maxSeconds}; returns when all answers are in. */
    static Result run(URI writeUrl, RemoteWriteBodies bodies, double maxSeconds) throws InterruptedException {
        int senders = bodies.senders();
        AtomicIntegerArray nextScrape = new AtomicIntegerArray(senders);
        AtomicLong accepted = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[senders];
        long[] start = new long[1];
        for (int s = 0; s < senders; s++) {
            int me = s;
            threads[s] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                try {
                    go.await();
                    long deadline = start[0] + (long) (maxSeconds * 1e9);
                    for (RemoteWriteBodies.Body body : bodies.forSender(me)) {
                        if (System.nanoTime() > deadline) {
                            break;
                        }
                        nextScrape.set(me, body.firstScrape());
                        while (body.lastScrape() > minOf(nextScrape) + MAX_SKEW_SCRAPES) {
                            Thread.sleep(1);
                        }
                        String error = send(http, writeUrl, body.bytes());
                        if (error.isEmpty()) {
                            ok.incrementAndGet();
                            accepted.addAndGet(body.samples());
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet("", error);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    nextScrape.set(me, Integer.MAX_VALUE - MAX_SKEW_SCRAPES);
                }
            }, "remote-write-" + s);
            threads[s].start();
        }
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start[0]) / 1e9;
        return new Result(accepted.get(), ok.get(), failed.get(), firstError.get(), seconds);
    }

    /** Empty when the receiver answered 2xx, else what went wrong. */
    static String send(HttpClient http, URI url, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("User-Agent", "vigil-remote-write-bench")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? "" : r.statusCode() + " " + r.body().strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int minOf(AtomicIntegerArray a) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < a.length(); i++) {
            min = Math.min(min, a.get(i));
        }
        return min;
    }
}
