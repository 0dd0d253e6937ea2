package dev.vigil.system.bench;

import dev.vigil.system.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference side: Alertmanager 0.25 (no clustering) and Prometheus 2.42 with the remote-write
 * receiver, evaluating the same rule file every second and alerting to that Alertmanager. Both are
 * the Debian packages' binaries ({@code apt-get install -y prometheus prometheus-alertmanager}).
 */
final class PrometheusStack implements AutoCloseable {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    private final List<AutoCloseable> started = new ArrayList<>();
    private int prometheusPort;

    /** Starts both; on a failure, what was started is stopped before the exception leaves. */
    static PrometheusStack start(Path dir, Path rules, Path alertmanagerYml) {
        for (Path binary : List.of(PROMETHEUS, ALERTMANAGER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y prometheus prometheus-alertmanager");
            }
        }
        PrometheusStack s = new PrometheusStack();
        try {
            s.startAll(dir, rules, alertmanagerYml);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startAll(Path dir, Path rules, Path alertmanagerYml) {
        int amPort = ServiceProcess.freePort();
        Path amData = dir.resolve("alertmanager");
        started.add(ChildProcess.startHttp("alertmanager", List.of(ALERTMANAGER.toString(),
                        "--config.file=" + alertmanagerYml, "--storage.path=" + amData,
                        "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address="),
                dir.resolve("alertmanager.log"), "http://127.0.0.1:" + amPort + "/-/ready", Duration.ofSeconds(60)));
        prometheusPort = ServiceProcess.freePort();
        Path config = dir.resolve("prometheus.yml");
        write(config, """
                global:
                  evaluation_interval: 1s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs: []
                """.formatted(rules, amPort));
        started.add(ChildProcess.startHttp("prometheus", List.of(PROMETHEUS.toString(),
                        "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("prometheus"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort, "--web.enable-remote-write-receiver"),
                dir.resolve("prometheus.log"), "http://127.0.0.1:" + prometheusPort + "/-/ready", Duration.ofSeconds(60)));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String writeUrl() {
        return "http://127.0.0.1:" + prometheusPort + "/api/v1/write";
    }

    String queryUrl() {
        return "http://127.0.0.1:" + prometheusPort + "/api/v1/query";
    }

    /** Prometheus first: it sends to Alertmanager. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // best effort: the others must still stop
            }
        }
        started.clear();
    }
}
