package dev.vigil.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.StaleNaN;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Alert latency, Vigil beside Prometheus 2.42 + Alertmanager 0.25 on the same machine: the time
 * from a crossing sample's ingestion (remote write acknowledged) to the firing webhook's receipt,
 * with the same rule file (one group, {@code interval: 1s}, no {@code for}) and the same
 * alertmanager.yml ({@code group_wait: 0s}, one group per trial) on both sides.
 *
 * <p>Each trial pushes {@code latency_probe{trial="i"} 1} to both sides, waits 1-2 s (random, so
 * the crossing falls at a uniformly random phase of the evaluation tick), pushes the crossing
 * sample {@code 100} with the current timestamp to both at once, repeats it every second until
 * both webhooks arrived (so lookback never matters), then ends the series with a stale marker.
 * A second phase times ingestion alone: the first query that sees a pushed sample, per side.
 *
 * <p>Vigil runs twice on one metrics service: an alert service with streaming evaluation (the
 * default: the rule is evaluated when the crossing sample arrives on {@code vigil.metrics}) and one
 * with it off (evaluation every second through the query API), so both modes and the reference
 * are measured in one run, on the same samples.
 *
 * <p>Usage: {@code AlertLatencyBench [trials=40] [warm-up trials=3] [seed=1] [load]}; the packaged
 * jars must exist (see docs/benchmarks.md). With {@code load}, {@link AlertLoad} adds 10,000
 * active series and 500 more streamable rules on every side, and the alert services' CPU is
 * reported. Prints the raw figures and Markdown tables. With
 * {@code -Dbench.trace-evaluations=true} the alert service's rule queries pass through an
 * {@link EvaluationTrace}, which reports how far each evaluation timestamp lay behind the query.
 */
public final class AlertLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(20);
    private static final int VISIBILITY_PROBES = 20;

    private final WebhookClock clock;
    private final Map<Side, String> writeUrls;
    private final Map<Side, String> queryUrls;
    private final RemoteWriter writer = new RemoteWriter();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random;

    /** Both sides' figures for one trial; a missing receipt means no webhook within the timeout. */
    record Trial(String id, Instant sent, Map<Side, Instant> acked, Map<Side, Optional<WebhookClock.Receipt>> receipts) {
    }

    private AlertLatencyBench(WebhookClock clock, Map<Side, String> writeUrls, Map<Side, String> queryUrls, long seed) {
        this.clock = clock;
        this.writeUrls = writeUrls;
        this.queryUrls = queryUrls;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        boolean load = args.length > 3 && args[3].equals("load");
        if (System.getProperty("vigil.repo.root") == null && Files.exists(Path.of("run-local.sh"))) {
            // Started from the repository root, where the docs run it (RepoPaths otherwise looks one level up).
            System.setProperty("vigil.repo.root", Path.of("").toAbsolutePath().toString());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(AlertLatencyBench::stopDescendants, "stop-children"));
        Path dir = Files.createTempDirectory("vigil-alert-latency");
        System.out.printf(Locale.ROOT, "work dir %s; java %s; %d cpus; load average at start %s%n", dir,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage());
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, resource("alert-latency-rules.yml") + (load ? AlertLoad.rules() : ""));
        try (WebhookClock clock = new WebhookClock();
             PrometheusStack prometheus = PrometheusStack.start(dir, rules, alertmanagerYml(dir, clock, Side.PROMETHEUS));
             VigilStack vigil = VigilStack.start(dir, rules, Map.of(
                     Side.VIGIL_STREAMING, alertmanagerYml(dir, clock, Side.VIGIL_STREAMING),
                     Side.VIGIL_TIMER, alertmanagerYml(dir, clock, Side.VIGIL_TIMER)), Boolean.getBoolean("bench.trace-evaluations"))) {
            AlertLatencyBench bench = new AlertLatencyBench(clock,
                    Map.of(Side.VIGIL_STREAMING, vigil.writeUrl(), Side.VIGIL_TIMER, vigil.writeUrl(), Side.PROMETHEUS, prometheus.writeUrl()),
                    Map.of(Side.VIGIL_STREAMING, vigil.queryUrl(), Side.VIGIL_TIMER, vigil.queryUrl(), Side.PROMETHEUS, prometheus.queryUrl()),
                    seed);
            bench.awaitIngesting(Duration.ofSeconds(120));
            try (AlertLoad background = load ? AlertLoad.start(List.of(vigil.writeUrl(), prometheus.writeUrl())) : null) {
                if (background != null) {
                    background.awaitFullRound();
                }
                for (int i = 1; i <= warmUp; i++) {
                    bench.trial("w" + i);
                }
                Map<Side, Duration> cpuBefore = cpu(vigil);
                long wallBefore = System.nanoTime();
                List<Trial> measured = new ArrayList<>();
                for (int i = 1; i <= trials; i++) {
                    Trial t = bench.trial(Integer.toString(i));
                    measured.add(t);
                    printRaw(t);
                }
                Map<Side, Duration> cpuAfter = cpu(vigil);
                double wall = (System.nanoTime() - wallBefore) / 1e9;
                Map<Side, List<Double>> visible = bench.visibility();
                report(measured, visible, trials, warmUp, seed);
                System.out.println();
                if (background != null) {
                    System.out.printf(Locale.ROOT, "load: %s%n", background.describe());
                }
                cpuBefore.forEach((side, before) -> System.out.printf(Locale.ROOT,
                        "%s: alert service CPU %.1f %% of one core over the %.0f s of measured trials%n",
                        side.title(), 100 * (cpuAfter.get(side).minus(before).toNanos() / 1e9) / wall, wall));
            }
            vigil.trace().ifPresent(AlertLatencyBench::reportTrace);
        }
        System.out.printf(Locale.ROOT, "load average at end %s%n", loadAverage());
        deleteRecursively(dir);
    }

    /** Each Vigil alert service's CPU time so far. */
    private static Map<Side, Duration> cpu(VigilStack vigil) {
        Map<Side, Duration> out = new EnumMap<>(Side.class);
        for (Side s : List.of(Side.VIGIL_STREAMING, Side.VIGIL_TIMER)) {
            out.put(s, vigil.alertService(s).info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return out;
    }

    private static Path alertmanagerYml(Path dir, WebhookClock clock, Side side) throws IOException {
        Path p = dir.resolve("alertmanager-" + side.name().toLowerCase(Locale.ROOT) + ".yml");
        Files.writeString(p, resource("alert-latency-alertmanager.yml").replace("WEBHOOK_URL", clock.url(side)));
        return p;
    }

    /** Pushes a sample to both sides until both query APIs return it (the stream threads have their partitions). */
    private void awaitIngesting(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> labels = Map.of("probe", "ready");
        while (System.nanoTime() < deadline) {
            pushBoth("latency_ready", labels, 1, System.currentTimeMillis());
            if (Stream.of(Side.values()).allMatch(s -> visible(s, "latency_ready{probe=\"ready\"}"))) {
                return;
            }
            Pause.millis(500);
        }
        throw new IllegalStateException("a pushed sample was not queryable on both sides within " + timeout);
    }

    private Trial trial(String id) {
        Map<String, String> labels = Map.of("trial", id);
        // Below the threshold first, so the series exists before the crossing sample arrives.
        pushBoth("latency_probe", labels, 1, System.currentTimeMillis());
        Pause.millis(1000 + random.nextInt(1000));
        Instant sent = Instant.now();
        Map<Side, Instant> acked = pushBoth("latency_probe", labels, 100, sent.toEpochMilli());
        Instant deadline = sent.plus(TRIAL_TIMEOUT);
        Instant nextPush = sent.plusSeconds(1);
        while (!bothReceived(id) && Instant.now().isBefore(deadline)) {
            if (!Instant.now().isBefore(nextPush)) {
                pushBoth("latency_probe", labels, 100, System.currentTimeMillis());
                nextPush = nextPush.plusSeconds(1);
            }
            Pause.millis(5);
        }
        // A stale marker resolves the alert at the next evaluation instead of after the 5 m lookback.
        pushBoth("latency_probe", labels, StaleNaN.VALUE, System.currentTimeMillis());
        Map<Side, Optional<WebhookClock.Receipt>> receipts = new EnumMap<>(Side.class);
        for (Side s : Side.values()) {
            receipts.put(s, clock.receipt(s, id));
        }
        Pause.millis(300);
        return new Trial(id, sent, acked, receipts);
    }

    private boolean bothReceived(String trial) {
        for (Side s : Side.values()) {
            if (clock.receipt(s, trial).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends the same sample to every side at once, once per receiver (both Vigil sides read one
     * metrics service); returns each side's acknowledgement time.
     */
    private Map<Side, Instant> pushBoth(String metric, Map<String, String> labels, double value, long timestampMs) {
        Map<String, CompletableFuture<Instant>> pending = new java.util.HashMap<>();
        for (Side s : Side.values()) {
            pending.computeIfAbsent(writeUrls.get(s), url -> writer.send(url, metric, labels, value, timestampMs));
        }
        Map<Side, Instant> acked = new EnumMap<>(Side.class);
        for (Side s : Side.values()) {
            acked.put(s, pending.get(writeUrls.get(s)).join());
        }
        return acked;
    }

    /**
     * Ingestion alone: for each probe and side, the time from the acknowledgement to the first
     * instant query (polled every 5 ms) that returns the sample. One side at a time, so neither
     * side's acknowledgement delays the other's first query.
     */
    private Map<Side, List<Double>> visibility() {
        Map<Side, List<Double>> out = new EnumMap<>(Side.class);
        for (Side s : Side.values()) {
            out.put(s, new ArrayList<>());
        }
        for (int k = 1; k <= VISIBILITY_PROBES; k++) {
            for (Side s : Side.values()) {
                String probe = s.name().toLowerCase(Locale.ROOT) + k;
                String selector = "latency_visible{probe=\"" + probe + "\"}";
                Instant acked = writer.send(writeUrls.get(s), "latency_visible", Map.of("probe", probe), 1,
                        System.currentTimeMillis()).join();
                Instant deadline = acked.plus(TRIAL_TIMEOUT);
                while (Instant.now().isBefore(deadline)) {
                    Instant asked = Instant.now();
                    if (visible(s, selector)) {
                        out.get(s).add(millis(acked, asked));
                        break;
                    }
                    Pause.millis(5);
                }
                Pause.millis(200 + random.nextInt(300));
            }
        }
        return out;
    }

    /** Whether an instant query for {@code selector} returns a series; false while the side cannot answer. */
    private boolean visible(Side side, String selector) {
        String url = queryUrls.get(side) + "?query=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(r.body()).path("data").path("result");
            return r.statusCode() == 200 && result.isArray() && !result.isEmpty();
        } catch (IOException e) {
            return false; // not answering (yet): the caller polls again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void printRaw(Trial t) {
        StringBuilder sb = new StringBuilder("trial ").append(t.id());
        for (Side s : Side.values()) {
            Instant ack = t.acked().get(s);
            sb.append(String.format(Locale.ROOT, " | %s ack %.1f ms", s.name().toLowerCase(Locale.ROOT), millis(t.sent(), ack)));
            t.receipts().get(s).ifPresentOrElse(
                    r -> sb.append(String.format(Locale.ROOT, ", evaluated +%.1f, webhook +%.1f ms after ack",
                            millis(t.sent(), r.startsAt()), millis(ack, r.receivedAt()))),
                    () -> sb.append(", no webhook within ").append(TRIAL_TIMEOUT.toSeconds()).append(" s"));
        }
        System.out.println(sb);
    }

    private static void report(List<Trial> trials, Map<Side, List<Double>> visible, int n, int warmUp, long seed) {
        System.out.printf(Locale.ROOT, "%n%d trials after %d warm-up trials, seed %d%n%n", n, warmUp, seed);
        System.out.println(Distribution.header("crossing sample acknowledged → firing webhook received"));
        for (Side s : Side.values()) {
            System.out.println(Distribution.of(received(trials, s, true)).row(s.title()));
        }
        System.out.println();
        System.out.println(Distribution.header("where the time goes"));
        for (Side s : Side.values()) {
            List<Double> ack = new ArrayList<>();
            List<Double> toEval = new ArrayList<>();
            List<Double> evalToHook = new ArrayList<>();
            for (Trial t : trials) {
                ack.add(millis(t.sent(), t.acked().get(s)));
                t.receipts().get(s).ifPresent(r -> {
                    toEval.add(millis(t.sent(), r.startsAt()));
                    evalToHook.add(millis(r.startsAt(), r.receivedAt()));
                });
            }
            System.out.println(Distribution.of(received(trials, s, false)).row(s.title() + ": sent → webhook"));
            System.out.println(Distribution.of(ack).row(s.title() + ": sent → remote write acknowledged"));
            System.out.println(Distribution.of(visible.get(s)).row(s.title() + ": acknowledged → first query that sees it"));
            System.out.println(Distribution.of(toEval).row(s.title() + ": sent → timestamp of the evaluation that fired (startsAt)"));
            System.out.println(Distribution.of(evalToHook).row(s.title() + ": startsAt → webhook"));
        }
        for (Side s : Side.values()) {
            long lateRuns = trials.stream().flatMap(t -> t.receipts().get(s).stream())
                    .filter(r -> millis(r.startsAt(), r.receivedAt()) > 500).count();
            System.out.printf(Locale.ROOT, "%s: in %d of %d trials the webhook came more than 500 ms after the firing evaluation's timestamp%n",
                    s.title(), lateRuns, trials.size());
        }
        for (Side s : Side.values()) {
            long missing = trials.stream().filter(t -> t.receipts().get(s).isEmpty()).count();
            if (missing > 0) {
                System.out.printf(Locale.ROOT, "%s: %d trial(s) without a webhook within %d s%n", s.title(), missing, TRIAL_TIMEOUT.toSeconds());
            }
        }
    }

    private static void reportTrace(EvaluationTrace trace) {
        List<Double> lags = trace.queries().stream().map(EvaluationTrace.Query::lagMillis).toList();
        long late = lags.stream().filter(l -> l > 500).count();
        System.out.println();
        System.out.println(Distribution.header("rule query arrival − its evaluation timestamp (Vigil, traced)"));
        System.out.println(Distribution.of(lags).row("every rule query"));
        System.out.printf(Locale.ROOT, "%d of %d rule queries asked for a timestamp more than 500 ms before they arrived%n", late, lags.size());
    }

    private static List<Double> received(List<Trial> trials, Side s, boolean fromAck) {
        List<Double> out = new ArrayList<>();
        for (Trial t : trials) {
            Instant from = fromAck ? t.acked().get(s) : t.sent();
            t.receipts().get(s).ifPresent(r -> out.add(millis(from, r.receivedAt())));
        }
        return out;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AlertLatencyBench.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bench/" + name + " is not on the class path: add system-tests/target/test-classes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    /** On Ctrl-C the stacks' close() never runs: stop the processes this JVM started, and only those. */
    private static void stopDescendants() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : children) {
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
