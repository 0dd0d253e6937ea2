package dev.vigil.logs.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged logs service ({@code target/quarkus-app/quarkus-run.jar}, path in system property
 * {@code logs.jar}) as a child process on a fixed loopback port and data folder, so it can be
 * killed and started again on the same state.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dir;
    private final int port = freePort();
    private final List<String> properties = new ArrayList<>();
    private Process process;
    private int starts;
    /** Size of the tmpfs the stores are put on, 0 for the test's own disk. */
    private long smallDiskBytes;

    ServiceProcess(Path dir, String bootstrapServers, Map<String, String> extra) {
        this.dir = dir;
        properties.add("-Dquarkus.http.port=" + port);
        properties.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
        properties.add("-Dvigil.data-dir=" + dir.resolve("data"));
        // A killed member holds its partitions until its session times out: keep that short.
        properties.add("-Dkafka-streams.consumer.session.timeout.ms=6000");
        properties.add("-Dkafka-streams.consumer.heartbeat.interval.ms=1000");
        properties.add("-Dvigil.logs.commit-interval=200ms");
        extra.forEach((k, v) -> properties.add("-D" + k + "=" + v));
    }

    /** Starts the service and waits until it answers {@code /ready}. */
    void start() {
        Path jar = Path.of(System.getProperty("logs.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (./mvnw verify does)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx256m");
        cmd.addAll(properties);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        try {
            if (smallDiskBytes > 0) {
                Path state = Files.createDirectories(stateFolder());
                // unshare execs sh, sh execs java: one process, whose pid is the service's
                cmd.addAll(0, List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                        "mount -t tmpfs -o size=" + smallDiskBytes + " vigil-small-disk \"$0\" && exec \"$@\"", state.toString()));
            }
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the logs service", e);
        }
        starts++;
        awaitReady(Duration.ofSeconds(90));
    }

    /**
     * Puts the Streams state folder, where the log stores live, on a tmpfs of {@code bytes} that
     * only the service sees: it runs in a user and mount namespace of its own ({@code unshare}, so
     * no privilege is needed and the mount goes with the process). The test reaches the folder
     * through {@link #stateDir()}.
     */
    ServiceProcess onSmallDisk(long bytes) {
        this.smallDiskBytes = bytes;
        return this;
    }

    /** The Streams state folder as the running service sees it. */
    Path stateDir() {
        Path state = stateFolder();
        return smallDiskBytes == 0 ? state : Path.of("/proc/" + process.pid() + "/root" + state);
    }

    private Path stateFolder() {
        return dir.resolve("data").resolve("logs").toAbsolutePath();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Writes a file into the small disk until it has no byte left; deleting it gives the space back. */
    Path fillSmallDisk() throws IOException {
        Path filler = stateDir().resolve("filler");
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int size : new int[] {1 << 20, 4096, 1}) {
                ByteBuffer buf = ByteBuffer.allocate(size);
                try {
                    while (true) {
                        buf.clear();
                        ch.write(buf);
                    }
                } catch (IOException full) {
                    // next, smaller writes fill what is left
                }
            }
        }
        return filler;
    }

    /** A value on /q/metrics: the first sample of {@code name}. */
    double gauge(String name) {
        String metrics = get("/q/metrics").orElseThrow();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not on /q/metrics");
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    int port() {
        return port;
    }

    /** GET of {@code pathAndQuery}; empty while the service does not answer 200. */
    Optional<String> get(String pathAndQuery) {
        return response(pathAndQuery).filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }

    /** GET of {@code pathAndQuery}, whatever its status; empty when the service does not answer. */
    Optional<HttpResponse<String>> response(String pathAndQuery) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("logs service exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (get("/ready").isPresent()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("logs service (start " + starts + ") not ready within " + timeout + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Path log() {
        return dir.resolve("logs-service.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
