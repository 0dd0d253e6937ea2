package dev.vigil.alert.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reference binary (Prometheus, Alertmanager) bound to loopback as a child process, ready once
 * its {@code /-/ready} answers 200; stopped with SIGTERM on close.
 */
final class PeerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Prometheus with the remote-write receiver, storing in {@code dataDir}. */
    static PeerProcess prometheus(int port, Path config, Path dataDir) {
        return start(List.of(Binaries.require(Binaries.PROMETHEUS, "prometheus").toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dataDir, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver", "--web.enable-lifecycle"),
                port, dataDir.resolve("prometheus.log"));
    }

    /** Alertmanager without clustering (which would otherwise bind 0.0.0.0:9094). */
    static PeerProcess alertmanager(int port, Path config, Path dataDir) {
        return start(List.of(Binaries.require(Binaries.ALERTMANAGER, "prometheus-alertmanager").toString(),
                "--config.file=" + config, "--storage.path=" + dataDir,
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="),
                port, dataDir.resolve("alertmanager.log"));
    }

    private static PeerProcess start(List<String> cmd, int port, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PeerProcess peer = new PeerProcess(p, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(cmd.get(0) + " exited:\n" + peer.logTail());
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return peer;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            peer.close();
            throw new IllegalStateException(cmd.get(0) + " not ready in 60 s:\n" + peer.logTail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
