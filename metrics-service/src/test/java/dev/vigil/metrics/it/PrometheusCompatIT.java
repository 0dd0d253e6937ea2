package dev.vigil.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the real thing (profile {@code compat}): Prometheus 2.42 scrapes a real node_exporter
 * and itself every second, keeps its own copy and remote-writes everything into the packaged
 * metrics-service. After ~100 s of data, range queries over a window both hold fully must agree
 * within a relative 1e-6, series for series and step for step.
 */
class PrometheusCompatIT {
    /** The queries compared; the histogram is Prometheus's own request-duration histogram. */
    static final List<String> QUERIES = List.of(
            "rate(node_cpu_seconds_total[20s])",
            "sum by (mode) (rate(node_cpu_seconds_total[20s]))",
            "topk(3, rate(node_network_receive_bytes_total[20s]) + rate(node_network_transmit_bytes_total[20s]))",
            "histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[20s])))",
            "avg_over_time(node_load1[20s])",
            "avg_over_time(node_memory_MemAvailable_bytes[20s])",
            "sum by (job) (rate(scrape_samples_scraped[20s]))");
    static final double TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusAndVigilAnswerTheSameRangeQueriesOnTheSameScrapes() throws Exception {
        Path prometheusBin = Peer.binary("prometheus.bin", "/usr/bin/prometheus");
        Path nodeExporterBin = Peer.binary("node-exporter.bin", "/usr/bin/prometheus-node-exporter");
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            try (ServiceProcess vigil = new ServiceProcess(dir.resolve("vigil"), kafka.bootstrapServers(), Map.of())) {
                Files.createDirectories(dir.resolve("vigil"));
                vigil.start();
                int nodePort = Peer.freePort();
                int promPort = Peer.freePort();
                try (Peer node = Peer.start("node_exporter", List.of(nodeExporterBin.toString(), "--web.listen-address=127.0.0.1:" + nodePort),
                        dir.resolve("node_exporter.log"), "http://127.0.0.1:" + nodePort + "/metrics");
                     Peer prom = Peer.start("prometheus", List.of(prometheusBin.toString(),
                                     "--config.file=" + writeConfig(nodePort, promPort, vigil.port()),
                                     "--storage.tsdb.path=" + dir.resolve("prometheus"),
                                     "--web.listen-address=127.0.0.1:" + promPort),
                             dir.resolve("prometheus.log"), "http://127.0.0.1:" + promPort + "/-/ready")) {
                    Thread.sleep(Duration.ofSeconds(100).toMillis());
                    // Remote write trails scraping by up to a send deadline: stop well before now.
                    long end = (System.currentTimeMillis() - 10_000) / 1000;
                    long start = end - 60;
                    List<String> failures = new ArrayList<>();
                    for (String q : QUERIES) {
                        Map<String, double[][]> want = rangeQuery("http://127.0.0.1:" + promPort, q, start, end);
                        Map<String, double[][]> got = rangeQuery("http://127.0.0.1:" + vigil.port(), q, start, end);
                        assertFalse(want.isEmpty(), "Prometheus has no data for " + q);
                        compare(q, want, got, failures);
                    }
                    assertTrue(failures.isEmpty(), String.join("\n", failures));
                    // the metadata Prometheus remote-writes (TYPE, HELP, UNIT) answers /api/v1/metadata as Prometheus's own does
                    for (String metric : List.of("node_cpu_seconds_total", "node_load1", "prometheus_http_request_duration_seconds",
                            "node_memory_MemAvailable_bytes")) {
                        JsonNode want = metadata("http://127.0.0.1:" + promPort, metric);
                        assertFalse(want.isEmpty(), "Prometheus has no metadata for " + metric);
                        assertEquals(want, metadata("http://127.0.0.1:" + vigil.port(), metric), metric);
                    }
                    printLatencies("http://127.0.0.1:" + promPort, "http://127.0.0.1:" + vigil.port(), start, end);
                }
            }
        }
    }

    /**
     * Prometheus 2.42 with {@code remote_read} pointing at the packaged service answers a series
     * only Vigil holds, as if it were its own: the read endpoint speaks Prometheus' protocol.
     */
    @Test
    void prometheusReadsVigilsSeriesThroughRemoteRead() throws Exception {
        Path prometheusBin = Peer.binary("prometheus.bin", "/usr/bin/prometheus");
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            Path data = dir.resolve("vigil-read");
            Files.createDirectories(data);
            try (ServiceProcess vigil = new ServiceProcess(data, kafka.bootstrapServers(), Map.of())) {
                vigil.start();
                long now = System.currentTimeMillis();
                WriteRequest write = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                        .addLabels(Label.newBuilder().setName("__name__").setValue("vigil_remote_read_probe"))
                        .addLabels(Label.newBuilder().setName("job").setValue("probe"))
                        .addSamples(Sample.newBuilder().setTimestamp(now - 10_000).setValue(1))
                        .addSamples(Sample.newBuilder().setTimestamp(now - 5_000).setValue(42))).build();
                HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.port() + "/api/v1/write"))
                        .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(write.toByteArray()))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(204, written.statusCode(), written.body());
                long deadline = System.currentTimeMillis() + 60_000;
                while (instant("http://127.0.0.1:" + vigil.port(), "vigil_remote_read_probe").isEmpty()) {
                    assertTrue(System.currentTimeMillis() < deadline, "Vigil never answered the probe series");
                    Thread.sleep(200);
                }
                int promPort = Peer.freePort();
                Path config = dir.resolve("prometheus-read.yml");
                Files.writeString(config, """
                        remote_read:
                          - url: http://127.0.0.1:%d/api/v1/read
                            read_recent: true
                        """.formatted(vigil.port()));
                try (Peer prom = Peer.start("prometheus", List.of(prometheusBin.toString(), "--config.file=" + config,
                                "--storage.tsdb.path=" + dir.resolve("prometheus-read"), "--web.listen-address=127.0.0.1:" + promPort),
                        dir.resolve("prometheus-read.log"), "http://127.0.0.1:" + promPort + "/-/ready")) {
                    JsonNode result = instant("http://127.0.0.1:" + promPort, "vigil_remote_read_probe");
                    assertEquals(1, result.size(), result.toString());
                    assertEquals("probe", result.get(0).path("metric").path("job").asText());
                    assertEquals("42", result.get(0).path("value").get(1).asText());
                    JsonNode both = instant("http://127.0.0.1:" + promPort, "count_over_time(vigil_remote_read_probe[1m])");
                    assertEquals("2", both.get(0).path("value").get(1).asText());
                }
            }
        }
    }

    private JsonNode instant(String base, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), base + " answered " + r.body());
        return json.readTree(r.body()).path("data").path("result");
    }

    /**
     * Median wall time of each query on both servers (7 runs after 2 warm-ups), for
     * docs/benchmarks; printed, not asserted, since the machine is shared.
     */
    private void printLatencies(String prometheus, String vigil, long start, long end) throws Exception {
        System.out.println("query_range latency, median of 7, ms: prometheus | vigil | query");
        for (String q : QUERIES) {
            System.out.printf("%.2f | %.2f | %s%n", medianMs(prometheus, q, start, end), medianMs(vigil, q, start, end), q);
        }
    }

    private double medianMs(String base, String query, long start, long end) throws Exception {
        double[] ms = new double[7];
        for (int i = -2; i < ms.length; i++) {
            long t = System.nanoTime();
            rangeQuery(base, query, start, end);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private Path writeConfig(int nodePort, int promPort, int vigilPort) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1m
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                remote_write:
                  - url: http://127.0.0.1:%d/api/v1/write
                    queue_config:
                      batch_send_deadline: 1s
                    metadata_config:
                      send_interval: 5s
                """.formatted(nodePort, promPort, vigilPort));
        return config;
    }

    private JsonNode metadata(String base, String metric) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/metadata?metric=" + metric)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), base + " answered " + r.body());
        return json.readTree(r.body()).path("data");
    }

    /** A matrix result as series (labels as JSON text) -> [timestamps, values]. */
    private Map<String, double[][]> rangeQuery(String base, String query, long start, long end) throws Exception {
        String url = base + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=5";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), base + " answered " + r.body());
        Map<String, double[][]> out = new TreeMap<>();
        for (JsonNode s : json.readTree(r.body()).path("data").path("result")) {
            JsonNode values = s.path("values");
            double[][] tv = new double[2][values.size()];
            int i = 0;
            for (Iterator<JsonNode> it = values.elements(); it.hasNext(); i++) {
                JsonNode p = it.next();
                tv[0][i] = p.get(0).asDouble();
                tv[1][i] = Double.parseDouble(p.get(1).asText().replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            }
            out.put(new TreeMap<>(json.convertValue(s.path("metric"), Map.class)).toString(), tv);
        }
        return out;
    }

    static void compare(String query, Map<String, double[][]> want, Map<String, double[][]> got, List<String> failures) {
        if (!want.keySet().equals(got.keySet())) {
            failures.add(query + ": series differ\n  prometheus: " + want.keySet() + "\n  vigil:      " + got.keySet());
            return;
        }
        want.forEach((series, w) -> {
            double[][] g = got.get(series);
            if (!java.util.Arrays.equals(w[0], g[0])) {
                failures.add(query + " " + series + ": steps differ " + java.util.Arrays.toString(w[0]) + " vs " + java.util.Arrays.toString(g[0]));
                return;
            }
            for (int i = 0; i < w[1].length; i++) {
                if (!close(w[1][i], g[1][i])) {
                    failures.add(query + " " + series + " at " + (long) w[0][i] + ": prometheus " + w[1][i] + ", vigil " + g[1][i]);
                }
            }
        });
    }

    static boolean close(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got) || Double.isInfinite(want)) {
            return Double.compare(want, got) == 0 || (Double.isNaN(want) && Double.isNaN(got));
        }
        return Math.abs(want - got) <= TOLERANCE * Math.max(Math.abs(want), Math.abs(got)) || want == got;
    }
}
