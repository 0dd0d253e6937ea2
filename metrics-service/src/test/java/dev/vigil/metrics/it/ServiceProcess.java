package dev.vigil.metrics.it;

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

/**
 * The packaged metrics-service ({@code quarkus-run.jar}, path in system property
 * {@code metrics.jar}) as a child process on a data folder that survives restarts.
 */
final class ServiceProcess implements AutoCloseable {
    private final Path dataDir;
    private final String bootstrap;
    private final int port;
    private final Map<String, String> extra;
    private Process process;
    private int starts;
    /** Size of the tmpfs the stores are put on, 0 for the test's own disk. */
    private long smallDiskBytes;

    ServiceProcess(Path dataDir, String bootstrap, Map<String, String> extra) {
        this.dataDir = dataDir;
        this.bootstrap = bootstrap;
        this.port = freePort();
        this.extra = Map.copyOf(extra);
    }

    static Path jar() {
        String jar = System.getProperty("metrics.jar", "");
        if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("packaged service not found (system property metrics.jar = \"" + jar
                    + "\"); run through `mvnw verify` so the jar is built first");
        }
        return Path.of(jar);
    }

    int port() {
        return port;
    }

    /**
     * Puts the Streams state folder, where the TSDBs live, on a tmpfs of {@code bytes} that only
     * the service sees: it runs in a user and mount namespace of its own ({@code unshare}, so no
     * privilege is needed and the mount goes with the process). The test reaches the folder
     * through {@link #stateDir()}.
     */
    ServiceProcess onSmallDisk(long bytes) {
        this.smallDiskBytes = bytes;
        return this;
    }

    /** The Streams state folder as the running service sees it. */
    Path stateDir() {
        Path dir = dataDir.resolve("streams").toAbsolutePath();
        return smallDiskBytes == 0 ? dir : Path.of("/proc/" + process.pid() + "/root" + dir);
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

    /** Starts the service and waits until its readiness check answers UP. */
    void start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        // e.g. -Dmetrics.jvm.args="-XX:StartFlightRecording=filename=/tmp/svc.jfr" to profile a benchmark run
        for (String arg : System.getProperty("metrics.jvm.args", "").trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                cmd.add(arg);
            }
        }
        cmd.add("-Dvigil.data-dir=" + dataDir.resolve("data"));
        cmd.add("-Dkafka-streams.state.dir=" + dataDir.resolve("streams"));
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dkafka.bootstrap.servers=" + bootstrap);
        extra.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar().toString());
        Path log = dataDir.resolve("service-" + (++starts) + ".log");
        try {
            if (smallDiskBytes > 0) {
                Path dir = Files.createDirectories(dataDir.resolve("streams")).toAbsolutePath();
                // unshare execs sh, sh execs java: one process, whose pid is the service's
                cmd.addAll(0, List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                        "mount -t tmpfs -o size=" + smallDiskBytes + " vigil-small-disk \"$0\" && exec \"$@\"", dir.toString()));
            }
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("metrics-service exited with " + process.exitValue() + ", log ends:\n" + tail(log));
            }
            if (get("/q/health/ready").map(b -> b.contains("\"UP\"")).orElse(false)) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("metrics-service did not become ready in 90 s, see " + dataDir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The body of a GET on the service, empty when it does not answer 200. */
    java.util.Optional<String> get(String pathAndQuery) {
        return response(pathAndQuery).filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }

    /** A GET on the service, whatever its status; empty when it does not answer. */
    java.util.Optional<HttpResponse<String>> response(String pathAndQuery) {
        try {
            return java.util.Optional.of(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
