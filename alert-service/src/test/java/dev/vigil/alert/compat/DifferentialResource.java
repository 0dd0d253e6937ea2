package dev.vigil.alert.compat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reference side of the differential test: a scrape target, a real Prometheus 2.42 that
 * scrapes it every second and evaluates {@code compat/rules.yml}, a real Alertmanager 0.25 with
 * {@code compat/alertmanager.yml}, and one recording HTTP server with a webhook path for each
 * side. Vigil's alert service gets the same two files and queries that same Prometheus, so the
 * comparison isolates rule evaluation and notification from PromQL and storage.
 */
public class DifferentialResource implements QuarkusTestResourceLifecycleManager {
    private ScrapeTarget target;
    private PayloadRecorder hooks;
    private PeerProcess prometheus;
    private PeerProcess alertmanager;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("vigil-differential");
            target = new ScrapeTarget();
            hooks = new PayloadRecorder();
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, resource("/compat/rules.yml"));
            String am = resource("/compat/alertmanager.yml");
            Path amForAlertmanager = dir.resolve("alertmanager-reference.yml");
            Files.writeString(amForAlertmanager, am.replace("WEBHOOK_URL", hooks.url("/reference")));
            Path amForVigil = dir.resolve("alertmanager-vigil.yml");
            Files.writeString(amForVigil, am.replace("WEBHOOK_URL", hooks.url("/vigil")));
            int amPort = freePort();
            alertmanager = PeerProcess.alertmanager(amPort, amForAlertmanager, dir.resolve("am"));
            int promPort = freePort();
            Path promConfig = dir.resolve("prometheus.yml");
            Files.writeString(promConfig, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: ['%s']
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ['127.0.0.1:%d']
                    scrape_configs:
                      - job_name: app
                        static_configs:
                          - targets: ['%s']
                    """.formatted(rules, amPort, target.hostPort()));
            prometheus = PeerProcess.prometheus(promPort, promConfig, dir.resolve("prom"));
            return Map.of(
                    "vigil.alert.rule-files", rules.toString(),
                    "vigil.alert.config-file", amForVigil.toString(),
                    "vigil.alert.query-url", "http://127.0.0.1:" + promPort,
                    // the data lives in the reference Prometheus, not on vigil.metrics: every rule on the timer
                    "vigil.alert.streaming.enabled", "false",
                    "vigil.alert.evaluation-interval", "1s",
                    "differential.target", target.hostPort(),
                    "differential.hooks", hooks.url(""));
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DifferentialResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void stop() {
        // Prometheus first: it sends to Alertmanager, which sends to the hooks.
        for (AutoCloseable c : new AutoCloseable[] {prometheus, alertmanager, hooks, target}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort: the others must still stop
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
