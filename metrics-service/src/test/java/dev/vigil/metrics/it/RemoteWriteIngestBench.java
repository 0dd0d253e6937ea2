package dev.vigil.metrics.it;

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
import java.util.Comparator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Remote-write ingest of Prometheus and of the packaged service side by side, on the same bodies
 * ({@link RemoteWriteBodies}) sent the same way ({@link RemoteWriteLoad}). For each batch size and
 * sender count it starts a fresh Prometheus ({@code --web.enable-remote-write-receiver}, empty
 * storage), sends, and stops it; then a fresh local broker and service, sends, and stops them.
 * Each side reports the samples acknowledged per second and the time until its appended-samples
 * counter covers every acknowledged sample (queryable; confirmed by one
 * {@code sum(count_over_time(...))} query), hence the end-to-end rate.
 *
 * <p>Arguments ({@code key=value}, lists comma-separated): {@code batch=500,2000 senders=1,4
 * nodes=10 series=1000 scrapes=500 max-send=60 partitions=2 receivers=prometheus,vigil warmup=0 warmup-nodes=10}.
 * {@code warmup=N} first sends N scrapes of {@code warmup-nodes × series} other series ({@code job="warmup"}, just before the
 * measured ones) to each fresh receiver and waits until they are appended, so the measured run
 * sees a warmed-up JVM (JIT) rather than a cold start; 0 measures the cold start.
 * {@code max-send} caps the seconds a run keeps sending; what was acknowledged by then must become
 * queryable. Needs {@code -Dmetrics.jar=metrics-service/target/quarkus-app/quarkus-run.jar};
 * {@code -Dprometheus.bin} (default /usr/bin/prometheus); {@code -Dservice.KEY=VALUE} is passed
 * to the service as {@code -DKEY=VALUE}.
 */
public final class RemoteWriteIngestBench {
    private static final Pattern PROMETHEUS_APPENDED =
            Pattern.compile("(?m)^prometheus_tsdb_head_samples_appended_total(?:\\{[^}]*})?\\s+([0-9.eE+]+)$");
    private static final Pattern VIGIL_APPENDED = Pattern.compile("(?m)^vigil_metrics_samples_appended_total\\s+([0-9.eE+]+)$");
    private static final Pattern SCALAR_RESULT = Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9.eE+]+)\"]");
    private static final String COUNT_QUERY = "sum(count_over_time({job=\"" + RemoteWriteBodies.JOB + "\"}[1d]))";
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofMinutes(4);

    /** One side's figures for one setting. */
    record Run(String receiver, int batch, int senders, RemoteWriteLoad.Result load, double queryableSeconds, long counted) {
        String row() {
            return String.format("| %s | %d | %d | %,d | %.1f s | %,.0f | %.1f s | %,.0f | %d%s | %,d |", receiver, batch, senders,
                    load.acceptedSamples(), load.seconds(), load.samplesPerSecond(), queryableSeconds,
                    load.acceptedSamples() / queryableSeconds, load.failedRequests(),
                    load.firstError().isEmpty() ? "" : " (" + load.firstError().lines().findFirst().orElse("") + ")", counted);
        }
    }

    private RemoteWriteIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("batch", "500,2000", "senders", "1,4", "nodes", "10", "series", "1000",
                "scrapes", "500", "max-send", "60", "partitions", "2", "receivers", "prometheus,vigil", "warmup", "0", "warmup-nodes", "10"));
        options(opt, args);
        // Children die with the benchmark, also when it is interrupted.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int nodes = Integer.parseInt(opt.get("nodes"));
        int series = Integer.parseInt(opt.get("series"));
        int scrapes = Integer.parseInt(opt.get("scrapes"));
        double maxSend = Double.parseDouble(opt.get("max-send"));
        int partitions = Integer.parseInt(opt.get("partitions"));
        List<String> receivers = List.of(opt.get("receivers").split(","));
        int warmupScrapes = Integer.parseInt(opt.get("warmup"));
        int warmupNodes = Integer.parseInt(opt.get("warmup-nodes"));
        Map<String, String> serviceProps = serviceProperties();
        System.out.printf("%d series x %d scrapes = %,d samples, 15 s apart, ending now; max %.0f s of sending per run; service %s %s%n",
                nodes * series, scrapes, (long) nodes * series * scrapes, maxSend, ServiceProcess.jar(), serviceProps);
        List<Run> runs = new ArrayList<>();
        for (int batch : ints(opt.get("batch"))) {
            for (int senders : ints(opt.get("senders"))) {
                long end = System.currentTimeMillis();
                RemoteWriteBodies bodies = RemoteWriteBodies.build(nodes, series, scrapes, batch, senders, end, 1);
                // the warm-up series end where the measured ones begin: Prometheus's head then accepts both
                RemoteWriteBodies warmup = warmupScrapes == 0 ? null : RemoteWriteBodies.build(warmupNodes, series, warmupScrapes, batch, senders,
                        end - scrapes * RemoteWriteBodies.INTERVAL_MS, 2, "warmup");
                System.out.printf("batch %d, %d senders: %,d bodies, %,d bytes (%.1f B/sample)%n", batch, senders,
                        bodies.samples() / batch, bodies.bytes(), (double) bodies.bytes() / bodies.samples());
                for (String receiver : receivers) {
                    Run run = switch (receiver) {
                        case "prometheus" -> prometheus(bodies, warmup, batch, maxSend);
                        case "vigil" -> vigil(bodies, warmup, batch, maxSend, partitions, serviceProps);
                        default -> throw new IllegalArgumentException("unknown receiver \"" + receiver + "\" (prometheus or vigil)");
                    };
                    System.out.println(run.row());
                    runs.add(run);
                }
            }
        }
        System.out.println();
        System.out.println("| receiver | batch | senders | samples accepted | send time | accepted samples/s | all queryable after | "
                + "end-to-end samples/s | failed requests | samples counted by query |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        runs.forEach(r -> System.out.println(r.row()));
    }

    private static Run prometheus(RemoteWriteBodies bodies, RemoteWriteBodies warmup, int batch, double maxSend) throws Exception {
        Path dir = Files.createTempDirectory("vigil-rw-bench-prometheus");
        try {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
            int port = Peer.freePort();
            String base = "http://127.0.0.1:" + port;
            try (Peer prom = Peer.start("prometheus", List.of(Peer.binary("prometheus.bin", "/usr/bin/prometheus").toString(),
                            "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                            "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port,
                            "--web.enable-remote-write-receiver"),
                    dir.resolve("prometheus.log"), base + "/-/ready")) {
                return measure("Prometheus 2.42", bodies, warmup, batch, maxSend, URI.create(base + "/api/v1/write"),
                        () -> get(base + "/metrics"), PROMETHEUS_APPENDED,
                        () -> get(base + "/api/v1/query?query=" + URLEncoder.encode(COUNT_QUERY, StandardCharsets.UTF_8)));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Run vigil(RemoteWriteBodies bodies, RemoteWriteBodies warmup, int batch, double maxSend, int partitions, Map<String, String> props) throws Exception {
        Path dir = Files.createTempDirectory("vigil-rw-bench-service");
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), partitions);
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), props)) {
                service.start();
                return measure("Vigil", bodies, warmup, batch, maxSend, URI.create("http://127.0.0.1:" + service.port() + "/api/v1/write"),
                        () -> service.get("/q/metrics"), VIGIL_APPENDED,
                        () -> service.get("/api/v1/query?query=" + URLEncoder.encode(COUNT_QUERY, StandardCharsets.UTF_8)));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Run measure(String receiver, RemoteWriteBodies bodies, RemoteWriteBodies warmup, int batch, double maxSend, URI writeUrl,
                               Supplier<Optional<String>> metrics, Pattern appended, Supplier<Optional<String>> countQuery)
            throws InterruptedException {
        if (warmup != null) {
            long before = sum(metrics.get().orElse(""), appended);
            RemoteWriteLoad.Result load = RemoteWriteLoad.run(writeUrl, warmup, maxSend);
            awaitAppended(receiver, metrics, appended, before, load.acceptedSamples());
            System.out.printf("%s: warm-up of %,d samples appended%n", receiver, load.acceptedSamples());
        }
        long before = sum(metrics.get().orElse(""), appended);
        long start = System.nanoTime();
        RemoteWriteLoad.Result load = RemoteWriteLoad.run(writeUrl, bodies, maxSend);
        awaitAppended(receiver, metrics, appended, before, load.acceptedSamples());
        double queryable = (System.nanoTime() - start) / 1e9;
        String answer = countQuery.get().orElse("(no 200 answer)");
        Matcher m = SCALAR_RESULT.matcher(answer);
        long counted = -1;
        if (m.find()) {
            counted = (long) Double.parseDouble(m.group(1));
        } else {
            System.out.println(receiver + ": " + COUNT_QUERY + " answered " + answer.substring(0, Math.min(300, answer.length())));
        }
        return new Run(receiver, batch, bodies.senders(), load, queryable, counted);
    }

    private static void awaitAppended(String receiver, Supplier<Optional<String>> metrics, Pattern appended, long before, long samples)
            throws InterruptedException {
        long deadline = System.nanoTime() + QUERYABLE_TIMEOUT.toNanos();
        while (sum(metrics.get().orElse(""), appended) - before < samples) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(receiver + ": acknowledged samples not all appended after " + QUERYABLE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** {@code key=value} arguments over the defaults in {@code opt}; an unknown key is refused with the known ones. */
    static void options(Map<String, String> opt, String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1 || !opt.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument \"" + a + "\"; expected one of " + opt.keySet() + " as key=value");
            }
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    /** {@code -Dservice.KEY=VALUE} system properties, for the service as {@code -DKEY=VALUE}. */
    static Map<String, String> serviceProperties() {
        Map<String, String> out = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("service."))
                .forEach(k -> out.put(k.substring("service.".length()), System.getProperty(k)));
        return out;
    }

    static long sum(String exposition, Pattern p) {
        Matcher m = p.matcher(exposition);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return (long) total;
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.println("GET " + url + ": " + r.statusCode() + " " + r.body());
            }
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            System.out.println("GET " + url + ": " + e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
