package dev.vigil.system.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load variant of the alert latency benchmark: 10,000 active series
 * ({@code load_gauge{shard="0".."99", i="0".."99"}}) remote-written to every side every 15 s, in
 * 20 requests of 500 series spread over the interval (one every 750 ms, as scrapes spread), and
 * 500 alerting rules over them in 50 groups of 10 ({@code interval: 15s}), five shapes that all
 * stream: a selector, {@code max by}, {@code avg_over_time}, {@code sum by} of {@code rate},
 * {@code count by} of a comparison, each compared with a threshold no sample reaches (the load
 * costs evaluations, not notifications).
 */
final class AlertLoad implements AutoCloseable {
    static final int SHARDS = 100;
    static final int PER_SHARD = 100;
    static final int BATCHES = 20;
    static final long ROUND_MS = 15_000;

    private final List<String> writeUrls;
    private final RemoteWriter writer = new RemoteWriter();
    private final Random random = new Random(7);
    private final Thread thread;
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    private AlertLoad(List<String> writeUrls) {
        this.writeUrls = List.copyOf(writeUrls);
        this.thread = new Thread(this::run, "alert-load");
        thread.setDaemon(true);
    }

    static AlertLoad start(List<String> writeUrls) {
        AlertLoad load = new AlertLoad(writeUrls);
        load.thread.start();
        return load;
    }

    /** The 500 rules, as more groups of the benchmark's rule file. */
    static String rules() {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 50; g++) {
            b.append("  - name: load-").append(g).append("\n    interval: 15s\n    rules:\n");
            for (int r = 0; r < 10; r++) {
                int j = g * 10 + r;
                String sel = "load_gauge{shard=\"" + (j % SHARDS) + "\"}";
                String expr = switch (j / SHARDS) {
                    case 0 -> sel + " > 1000";
                    case 1 -> "max by (shard) (" + sel + ") > 1000";
                    case 2 -> "avg_over_time(" + sel.replace("}", "}[1m]") + ") > 1000";
                    case 3 -> "sum by (shard) (rate(" + sel.replace("}", "}[1m]") + ")) > 1000";
                    default -> "count by (shard) (" + sel + " > 50) > 1000";
                };
                b.append("      - alert: Load").append(j).append("\n        expr: '").append(expr).append("'\n");
            }
        }
        return b.toString();
    }

    /** Waits until every series has been sent once. */
    void awaitFullRound() throws InterruptedException {
        if (!firstRound.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the load generator did not complete a round in 60 s");
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "%d series every %d s in %d requests of %d, 500 streamable rules in 50 groups; "
                + "%d requests sent, %d failed", SHARDS * PER_SHARD, ROUND_MS / 1000, BATCHES, SHARDS * PER_SHARD / BATCHES,
                requests.get(), failures.get());
    }

    private void run() {
        int perBatch = SHARDS * PER_SHARD / BATCHES;
        long next = System.currentTimeMillis();
        int batch = 0;
        while (running) {
            List<Map<String, String>> labels = new ArrayList<>(perBatch);
            double[] values = new double[perBatch];
            for (int k = 0; k < perBatch; k++) {
                int n = batch * perBatch + k;
                labels.add(Map.of("__name__", "load_gauge", "shard", Integer.toString(n / PER_SHARD), "i", Integer.toString(n % PER_SHARD)));
                values[k] = random.nextInt(100);
            }
            byte[] body = RemoteWriter.batch(labels, values, System.currentTimeMillis());
            List<CompletableFuture<Instant>> sent = new ArrayList<>();
            for (String url : writeUrls) {
                sent.add(writer.post(url, body));
            }
            for (CompletableFuture<Instant> f : sent) {
                requests.incrementAndGet();
                try {
                    f.join();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
            batch = (batch + 1) % BATCHES;
            if (batch == 0) {
                firstRound.countDown();
            }
            next += ROUND_MS / BATCHES;
            Pause.millis(Math.max(0, next - System.currentTimeMillis()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
