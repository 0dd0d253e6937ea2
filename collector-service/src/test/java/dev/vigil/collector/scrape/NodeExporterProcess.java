package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus node_exporter on a free loopback port, started and stopped by a test. Its
 * absence fails the test (the CI script installs the Debian package prometheus-node-exporter).
 */
final class NodeExporterProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private final Process process;
    private final int port;
    private final Path log;

    private NodeExporterProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static NodeExporterProcess start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install it with 'apt-get install -y prometheus-node-exporter'");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("node-exporter", ".log");
        Process p = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeExporterProcess exporter = new NodeExporterProcess(p, port, log);
        exporter.awaitReady();
        return exporter;
    }

    URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                String out = Files.readString(log);
                close();
                fail("node_exporter exited with " + process.exitValue() + ": " + out);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(metricsUrl()).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        fail("node_exporter did not answer on " + metricsUrl() + " within 10 s: " + Files.readString(log));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
