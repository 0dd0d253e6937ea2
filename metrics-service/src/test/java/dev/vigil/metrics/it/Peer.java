package dev.vigil.metrics.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference program (Prometheus, node_exporter) run as a child process on loopback. A missing
 * binary is an error, never a reason to skip: the compatibility run exists to compare with it.
 */
final class Peer implements AutoCloseable {
    private final String name;
    private final Process process;

    private Peer(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** The binary named by system property {@code property}, or {@code fallback}; it must exist. */
    static Path binary(String property, String fallback) {
        Path p = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is not installed (set -D" + property + "=/path/to/binary)");
        }
        return p;
    }

    /** Starts {@code command} with output to {@code log} and waits until {@code readyUrl} answers 200. */
    static Peer start(String name, List<String> command, Path log, String readyUrl) {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Peer peer = new Peer(name, p);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ", see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(readyUrl)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return peer;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        peer.close();
        throw new IllegalStateException(name + " did not answer " + readyUrl + " within 60 s, see " + log);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
