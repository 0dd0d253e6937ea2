package dev.vigil.collector.diagnostics;

import dev.vigil.collector.nodelogs.CommandRunner;
import dev.vigil.model.NodeOs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The real host: HTTP to the kubelet's local health port, the pipe namespace, file stores, DNS, {@code wevtutil}. */
public final class SystemHostProbes implements HostProbes {
    /** The kubelet's unauthenticated health endpoint on every node. */
    public static final String KUBELET_HEALTHZ = "http://127.0.0.1:10248/healthz";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final CommandRunner commands;

    public SystemHostProbes(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public Optional<String> kubeletHealth() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KUBELET_HEALTHZ)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals("ok") ? Optional.empty()
                    : Optional.of("HTTP " + r.statusCode() + " " + r.body().strip());
        } catch (IOException e) {
            return Optional.of(KUBELET_HEALTHZ + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public boolean pipeExists(String name) {
        return NodeOs.current() == NodeOs.WINDOWS && Files.exists(Path.of("\\\\.\\pipe\\" + name));
    }

    @Override
    public DiskSpace diskSpace(Path path) {
        try {
            FileStore s = Files.getFileStore(path);
            return new DiskSpace(s.getTotalSpace(), s.getUsableSpace());
        } catch (IOException e) {
            return new DiskSpace(0, 0);
        }
    }

    @Override
    public List<String> resolve(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> eventLog() {
        try {
            CommandRunner.Result r = commands.run(List.of("wevtutil", "gli", "System"), in -> in.transferTo(java.io.OutputStream.nullOutputStream()));
            return r.exitCode() == 0 ? Optional.empty() : Optional.of("wevtutil exited " + r.exitCode() + ": " + r.stderr().strip());
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
