package dev.vigil.cli.compat;

import dev.vigil.cli.VigilRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigil query} beside promtool 2.42 (Debian's prometheus package), both asking the same
 * Prometheus 2.42 (scraping itself on loopback) the same queries at the same times: the same
 * stdout, stderr and exit code, in both output formats, for vectors, matrices, scalars, empty
 * answers and refused queries.
 */
class PromtoolQueryCompatTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    @TempDir
    static Path dir;
    private static Process prometheus;
    private static String url;

    @BeforeAll
    static void startPrometheus() throws Exception {
        for (Path p : List.of(PROMETHEUS, PROMTOOL)) {
            assertTrue(Files.isExecutable(p), p + " is missing; the compat profile needs it: apt-get install -y prometheus");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global: {scrape_interval: 1s}\nscrape_configs: [{job_name: self, static_configs: [{targets: ['127.0.0.1:"
                + port + "']}]}]\n");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query=up")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"job\":\"self\"")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, "Prometheus did not answer: " + Files.readString(dir.resolve("prometheus.log")));
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // a few scrapes for the range queries and rates
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run promtool(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PROMTOOL.toString(), "query"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    private static Run vigil(List<String> args) {
        List<String> all = new ArrayList<>(List.of("query"));
        all.addAll(args);
        VigilRunner.Result r = VigilRunner.run(all.toArray(String[]::new));
        return new Run(r.code(), r.out(), r.err());
    }

    private static void same(String... args) throws Exception {
        Run tool = promtool(List.of(args));
        Run want = new Run(tool.code(), tool.out(), tool.err().replace("promtool: error:", "vigil: error:"));
        Run got = vigil(List.of(args));
        assertEquals(want, got, String.join(" ", args));
    }

    @Test
    void instantQueriesPrintAsPromtoolPrintsThem() throws Exception {
        String t = Long.toString(System.currentTimeMillis() / 1000 - 1);
        for (String format : List.of("promql", "json")) {
            for (String q : List.of("up", "prometheus_http_requests_total", "scalar(up)", "up{job=\"none\"}",
                    "sum by (job) (rate(prometheus_http_requests_total[1m]))", "vector(1.5e-7)", "vector(NaN)", "-vector(+Inf)")) {
                same("instant", "--time=" + t, "-o", format, url, q);
            }
        }
        same("instant", "--time=" + t, url, "up((");
        same("instant", "--time=" + t, url, "rate(up[5m]");
    }

    @Test
    void rangeQueriesPrintAsPromtoolPrintsThem() throws Exception {
        long end = System.currentTimeMillis() / 1000 - 1;
        for (String format : List.of("promql", "json")) {
            for (String q : List.of("up", "prometheus_http_requests_total{handler=\"/api/v1/query\"}", "scalar(up)", "up{job=\"none\"}")) {
                same("range", "--start=" + (end - 3), "--end=" + end, "--step=1s", "-o", format, url, q);
            }
        }
        same("range", "--start=" + end, "--end=" + (end - 3), url, "up");
        same("range", "--start=" + (end - 3) + ".5", "--end=" + end + ".25", "--step=500ms", url, "up");
    }
}
