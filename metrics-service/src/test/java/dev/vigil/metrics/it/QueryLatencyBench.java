package dev.vigil.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code query_range} latency of the packaged service beside Prometheus 2.42 on the same realistic
 * data ({@link QueryBenchData}: node_exporter's full output per node plus a histogram, 15 s
 * scrapes over {@code hours} ending now), remote-written into both. The queries: the five of the
 * issue's reference workload and the heaviest ten of the Node Exporter Full dashboard (by
 * Prometheus's time over the 24 h range, or the longest range asked), each over every range in
 * {@code ranges}; per query and range the first answer (cold) and the median of {@code runs}
 * more (warm), with Vigil / Prometheus ratios, and whether both answers agree (same series, same
 * points, values within 1e-6). The Vigil side runs once per count in {@code instances} (fresh
 * broker and services, the data loaded again, queries sent to the first instance, which fans out).
 *
 * <p>Arguments ({@code key=value}): {@code nodes=1 hours=24 ranges=1h,24h instances=1,2 runs=7
 * senders=4 batch=2000 partitions=2 heaviest=10 dashboard=<queries json> hold=0}; {@code hold=N} keeps each stack
 * up N seconds after its measurements, its URLs printed, to profile by hand. Needs
 * {@code -Dmetrics.jar=...quarkus-run.jar}; {@code -Dmetrics.jvm.args=-Xmx2g} gives the service more
 * heap; {@code -Dservice.KEY=VALUE} is passed to it as {@code -DKEY=VALUE}.
 */
public final class QueryLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROMETHEUS_APPENDED =
            Pattern.compile("(?m)^prometheus_tsdb_head_samples_appended_total(?:\\{[^}]*})?\\s+([0-9.eE+]+)$");
    private static final Pattern PROMETHEUS_HEAD_MIN = Pattern.compile("(?m)^prometheus_tsdb_head_min_time\\s+([0-9.eE+]+)$");
    private static final Pattern VIGIL_APPENDED = Pattern.compile("(?m)^vigil_metrics_samples_appended_total\\s+([0-9.eE+]+)$");
    private static final int MAX_SKEW_SCRAPES = 120;

    /** The reference queries. */
    private static final List<String> REFERENCE = List.of(
            "rate(node_cpu_seconds_total[5m])",
            "sum by (mode) (rate(node_cpu_seconds_total[5m]))",
            "avg_over_time(node_cpu_seconds_total[5m])",
            "topk(5, rate(node_cpu_seconds_total[5m]))",
            "histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[5m])))");

    private QueryLatencyBench() {
    }

    record Timing(double coldMs, double warmMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("nodes", "1", "hours", "24", "ranges", "1h,24h", "instances", "1,2",
                "runs", "7", "senders", "4", "batch", "2000", "partitions", "2", "heaviest", "10",
                "dashboard", "system-tests/src/test/resources/dashboards/node-exporter-full.queries.json"));
        opt.put("hold", "0");
        RemoteWriteIngestBench.options(opt, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int runs = Integer.parseInt(opt.get("runs"));
        long end = System.currentTimeMillis() / QueryBenchData.INTERVAL_MS * QueryBenchData.INTERVAL_MS;
        QueryBenchData data = QueryBenchData.build(Integer.parseInt(opt.get("nodes")), Double.parseDouble(opt.get("hours")),
                Integer.parseInt(opt.get("senders")), end);
        List<String> ranges = List.of(opt.get("ranges").split(","));
        Map<String, String> serviceProps = RemoteWriteIngestBench.serviceProperties();
        System.out.printf(Locale.ROOT, "%,d series x %,d scrapes = %,d samples over %s h ending %d; service %s %s%n", data.series(),
                data.scrapes(), data.samples(), opt.get("hours"), data.endMs(), ServiceProcess.jar(), System.getProperty("metrics.jvm.args", ""));
        int batch = Integer.parseInt(opt.get("batch"));
        Path promDir = Files.createTempDirectory("vigil-query-bench-prometheus");
        try {
            Path config = promDir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
            int port = Peer.freePort();
            String prom = "http://127.0.0.1:" + port;
            try (Peer p = Peer.start("prometheus", List.of(Peer.binary("prometheus.bin", "/usr/bin/prometheus").toString(),
                            "--config.file=" + config, "--storage.tsdb.path=" + promDir.resolve("data"),
                            "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port,
                            "--web.enable-remote-write-receiver", "--query.max-samples=500000000"),
                    promDir.resolve("prometheus.log"), prom + "/-/ready")) {
                double loadSeconds = load(URI.create(prom + "/api/v1/write"), data, batch);
                awaitCount("Prometheus", List.of(prom), PROMETHEUS_APPENDED, data.samples());
                awaitCompacted(prom, data.endMs());
                System.out.printf(Locale.ROOT, "Prometheus: loaded in %.0f s, compacted to blocks%n", loadSeconds);
                List<String> queries = new ArrayList<>(REFERENCE);
                queries.addAll(heaviest(prom, Path.of(opt.get("dashboard")), data, ranges, Integer.parseInt(opt.get("heaviest"))));
                for (String instances : opt.get("instances").split(",")) {
                    vigil(Integer.parseInt(instances), Integer.parseInt(opt.get("partitions")), serviceProps, data, batch, prom, queries,
                            ranges, runs, Integer.parseInt(opt.get("hold")));
                }
            }
        } finally {
            RemoteWriteIngestBench.deleteRecursively(promDir);
        }
    }

    private static void vigil(int instances, int partitions, Map<String, String> props, QueryBenchData data, int batch, String prom,
                              List<String> queries, List<String> ranges, int runs, int holdSeconds) throws Exception {
        Path dir = Files.createTempDirectory("vigil-query-bench-service");
        List<ServiceProcess> services = new ArrayList<>();
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), partitions);
            for (int i = 0; i < instances; i++) {
                ServiceProcess s = new ServiceProcess(Files.createDirectories(dir.resolve("s" + i)), kafka.bootstrapServers(), props);
                services.add(s);
                s.start();
            }
            List<String> urls = services.stream().map(s -> "http://127.0.0.1:" + s.port()).toList();
            double loadSeconds = load(URI.create(urls.get(0) + "/api/v1/write"), data, batch);
            awaitCount("Vigil", urls, VIGIL_APPENDED, data.samples());
            System.out.printf(Locale.ROOT, "Vigil, %d instance(s): loaded in %.0f s%n", instances, loadSeconds);
            System.out.println();
            System.out.printf("Vigil with %d instance(s), %d partitions; ratio = Vigil / Prometheus%n%n", instances, partitions);
            System.out.println("| query | range | step | Prometheus cold ms | Prometheus warm ms | Vigil cold ms | Vigil warm ms | warm ratio | cold ratio | same answer |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (String range : ranges) {
                for (String q : queries) {
                    Range r = Range.of(range, data.endMs());
                    String expr = substitute(q, r);
                    Answer pa = time(prom, expr, r, runs);
                    Answer va = time(urls.get(0), expr, r, runs);
                    System.out.printf(Locale.ROOT, "| `%s` | %s | %ds | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %s |%n", expr.replace("|", "\\|"),
                            range, r.stepSeconds(), pa.timing().coldMs(), pa.timing().warmMs(), va.timing().coldMs(), va.timing().warmMs(),
                            va.timing().warmMs() / pa.timing().warmMs(), va.timing().coldMs() / pa.timing().coldMs(), agree(pa.body(), va.body()));
                }
            }
            System.out.println();
            if (holdSeconds > 0) {
                // to profile by hand: the stack stays up, its URLs printed
                System.out.printf("holding %d s: Prometheus %s, Vigil %s, data %d..%d ms%n", holdSeconds, prom, urls, data.startMs(), data.endMs());
                Thread.sleep(holdSeconds * 1000L);
            }
        } finally {
            for (ServiceProcess s : services) {
                s.close();
            }
            RemoteWriteIngestBench.deleteRecursively(dir);
        }
    }

    /** A query range ending at the data's end, with the step Grafana would pick for a ~1,000-pixel panel. */
    record Range(long startMs, long endMs, int stepSeconds) {
        static Range of(String range, long endMs) {
            long ms = parse(range);
            int step = ms <= 3_600_000 ? 15 : ms <= 86_400_000 ? 60 : 600;
            return new Range(endMs - ms, endMs, step);
        }

        private static long parse(String s) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 'h' -> n * 3_600_000;
                case 'd' -> n * 86_400_000;
                default -> throw new IllegalArgumentException("range like 1h or 7d, got " + s);
            };
        }
    }

    /** Grafana's variables: the first node and job; $__rate_interval = max(step + scrape interval, 4 scrape intervals). */
    private static String substitute(String expr, Range r) {
        int rate = Math.max(r.stepSeconds() + 15, 60);
        return expr.replace("$node", "node-0:9100").replace("$job", QueryBenchData.JOB)
                .replace("$__rate_interval", rate + "s").replace("$diskdevices", "[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+");
    }

    /** The dashboard's queries Prometheus takes longest over the longest range asked (at most 24 h), one call each after one warm-up. */
    private static List<String> heaviest(String prom, Path dashboard, QueryBenchData data, List<String> ranges, int n) throws Exception {
        String longest = ranges.stream().filter(r -> Range.parse(r) <= 86_400_000).max(Comparator.comparingLong(Range::parse)).orElse(ranges.get(0));
        Range r = Range.of(longest, data.endMs());
        Map<String, Double> took = new LinkedHashMap<>();
        for (JsonNode q : JSON.readTree(dashboard.toFile()).path("queries")) {
            String expr = q.path("expr").asText();
            if (q.path("hide").asBoolean() || took.containsKey(expr)) {
                continue;
            }
            String e = substitute(expr, r);
            call(prom, e, r);
            long t0 = System.nanoTime();
            String body = call(prom, e, r);
            if (body.contains("\"result\":[]")) {
                continue; // no data for it in node_exporter's fixture output
            }
            took.put(expr, (System.nanoTime() - t0) / 1e6);
        }
        List<String> top = took.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .map(Map.Entry::getKey).toList();
        System.out.printf(Locale.ROOT, "Node Exporter Full: %d queries with data; the heaviest %d on Prometheus over %s: %s%n", took.size(), n,
                longest, top.stream().map(q -> String.format(Locale.ROOT, "%.1f ms", took.get(q))).toList());
        return top;
    }

    record Answer(Timing timing, String body) {
    }

    private static Answer time(String base, String expr, Range r, int runs) throws Exception {
        long t0 = System.nanoTime();
        String first = call(base, expr, r);
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call(base, expr, r);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        return new Answer(new Timing(cold, warm[runs / 2]), first);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String call(String base, String expr, Range r) throws Exception {
        String url = base + "/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&start="
                + r.startMs() / 1000.0 + "&end=" + r.endMs() / 1000.0 + "&step=" + r.stepSeconds();
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(base + " answered " + resp.statusCode() + " to " + expr + ": " + resp.body());
        }
        return resp.body();
    }

    /** "yes", or what differs: series, points, or the first value apart by more than 1e-6 relative. */
    private static String agree(String a, String b) throws IOException {
        Map<String, JsonNode> x = bySeries(a);
        Map<String, JsonNode> y = bySeries(b);
        if (!x.keySet().equals(y.keySet())) {
            return "no: " + x.size() + " vs " + y.size() + " series";
        }
        for (Map.Entry<String, JsonNode> e : x.entrySet()) {
            JsonNode p = e.getValue();
            JsonNode q = y.get(e.getKey());
            if (p.size() != q.size()) {
                return "no: " + p.size() + " vs " + q.size() + " points in " + e.getKey();
            }
            for (int i = 0; i < p.size(); i++) {
                double u = Double.parseDouble(p.get(i).get(1).asText());
                double v = Double.parseDouble(q.get(i).get(1).asText());
                boolean same = Double.compare(u, v) == 0 || Math.abs(u - v) <= 1e-6 * Math.max(Math.abs(u), Math.abs(v));
                if (!same || p.get(i).get(0).asDouble() != q.get(i).get(0).asDouble()) {
                    return "no: " + p.get(i) + " vs " + q.get(i) + " in " + e.getKey();
                }
            }
        }
        return "yes";
    }

    private static Map<String, JsonNode> bySeries(String body) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode s : JSON.readTree(body).path("data").path("result")) {
            out.put(s.path("metric").toString(), s.path("values"));
        }
        return out;
    }

    /** Sends all the data, each sender its own series in scrape order, at most {@link #MAX_SKEW_SCRAPES} apart; seconds taken. */
    private static double load(URI writeUrl, QueryBenchData data, int batch) throws InterruptedException {
        int senders = data.senders();
        AtomicIntegerArray at = new AtomicIntegerArray(senders);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        Thread[] threads = new Thread[senders];
        long t0 = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            int me = s;
            threads[s] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                try {
                    data.bodies(me, batch, (body, lastScrape) -> {
                        at.set(me, lastScrape);
                        while (lastScrape > min(at) + MAX_SKEW_SCRAPES) {
                            Thread.sleep(1);
                        }
                        String error = RemoteWriteLoad.send(http, writeUrl, body);
                        while (error.startsWith("5") || error.startsWith("429") || error.startsWith("java.io")) {
                            Thread.sleep(100); // retried, as Prometheus retries a recoverable answer
                            error = RemoteWriteLoad.send(http, writeUrl, body);
                        }
                        if (!error.isEmpty()) {
                            failed.incrementAndGet();
                            firstError.compareAndSet("", error);
                        }
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    at.set(me, Integer.MAX_VALUE - MAX_SKEW_SCRAPES);
                }
            }, "remote-write-" + s);
            threads[s].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests refused, the first: " + firstError.get());
        }
        return (System.nanoTime() - t0) / 1e9;
    }


    private static int min(AtomicIntegerArray a) {
        int m = Integer.MAX_VALUE;
        for (int i = 0; i < a.length(); i++) {
            m = Math.min(m, a.get(i));
        }
        return m;
    }

    /** Waits until the instances' appended-samples counters add up to {@code samples}. */
    private static void awaitCount(String who, List<String> bases, Pattern counter, long samples) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (true) {
            long total = 0;
            for (String b : bases) {
                total += RemoteWriteIngestBench.sum(get(b + (who.equals("Prometheus") ? "/metrics" : "/q/metrics")), counter);
            }
            if (total >= samples) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who + ": " + total + " of " + samples + " samples appended after 20 min");
            }
            Thread.sleep(200);
        }
    }

    /** Prometheus compacts its head into 2 h blocks once it spans 3 h; queries then read blocks, as on a server that has run a day. */
    private static void awaitCompacted(String prom, long endMs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (RemoteWriteIngestBench.sum(get(prom + "/metrics"), PROMETHEUS_HEAD_MIN) < endMs - 4 * 3_600_000L) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not compact its head within 20 min");
            }
            Thread.sleep(500);
        }
    }


    private static String get(String url) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        }
    }

}
