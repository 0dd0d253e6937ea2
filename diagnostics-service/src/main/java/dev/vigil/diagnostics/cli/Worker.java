package dev.vigil.diagnostics.cli;

import dev.vigil.diagnostics.plugins.SonobuoyDefaults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plugin sidecar: waits for the plugin's {@code done} file in the results directory (its content,
 * as in Sonobuoy, names the results file; empty means every file there), then uploads each result
 * file to {@code POST /diagnostics/runs/{id}/plugins/{plugin}/results?node=...&file=...}. Only the
 * file name is sent: the service files it under the node, whatever OS path the worker saw. While it
 * waits it relays the plugin's progress updates ({@link ProgressRelay}).
 */
final class Worker {
    private final ServiceClient service;
    private final PrintStream out;

    Worker(ServiceClient service, PrintStream out) {
        this.service = service;
        this.out = out;
    }

    int run(Options o) {
        Path dir = Path.of(o.required("--results-dir"));
        String run = o.required("--run");
        String plugin = o.required("--plugin");
        String node = o.required("--node");
        long timeoutMs = Long.parseLong(o.one("--timeout").orElse("86400")) * 1000;
        Path done = dir.resolve("done");
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (ProgressRelay relay = progressRelay(o, run, plugin, node)) {
            awaitDone(done, dir, deadline, timeoutMs);
        }
        upload(dir, done, run, plugin, node);
        return 0;
    }

    private static void awaitDone(Path done, Path dir, long deadline, long timeoutMs) {
        while (!Files.exists(done)) {
            if (System.currentTimeMillis() > deadline) {
                throw new VigilDiag.CliException("no done file in " + dir.toAbsolutePath() + " after " + timeoutMs / 1000 + " s");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VigilDiag.CliException("interrupted while waiting for " + done);
            }
        }
    }

    /**
     * Serves Sonobuoy's progress API while the plugin runs, on {@code --progress-port}, else
     * {@code $SONOBUOY_PROGRESS_PORT}, else 8099 ({@code none}: not at all). A port that cannot be
     * bound costs the progress updates, not the results.
     */
    private ProgressRelay progressRelay(Options o, String run, String plugin, String node) {
        String port = o.one("--progress-port").orElse(System.getenv().getOrDefault("SONOBUOY_PROGRESS_PORT", SonobuoyDefaults.PROGRESS_PORT));
        if (port.equals("none")) {
            return null;
        }
        try {
            ProgressRelay relay = ProgressRelay.start(Integer.parseInt(port), service,
                    "/diagnostics/runs/" + run + "/plugins/" + plugin + "/progress?node=" + node);
            out.println("relaying progress updates from http://localhost:" + relay.port() + "/progress");
            return relay;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--progress-port must be a port number or none, not " + port);
        } catch (java.io.IOException e) {
            out.println("no progress updates: cannot listen on port " + port + ": " + e.getMessage());
            return null;
        }
    }

    private void upload(Path dir, Path done, String run, String plugin, String node) {
        for (Path f : resultFiles(dir, done)) {
            String name = f.getFileName().toString();
            try {
                service.postBytes("/diagnostics/runs/" + run + "/plugins/" + plugin + "/results?node=" + node + "&file=" + name,
                        Files.readAllBytes(f));
            } catch (IOException e) {
                throw new VigilDiag.CliException("cannot read " + f.toAbsolutePath() + ": " + e.getMessage());
            }
            out.println("uploaded " + name + " for " + plugin + " on " + node);
        }
    }

    private static List<Path> resultFiles(Path dir, Path done) {
        try {
            String named = Files.readString(done, StandardCharsets.UTF_8).strip();
            if (!named.isEmpty()) {
                // the plugin may write the path as it sees it (C:\tmp\... or /tmp/...): only the name counts
                Path p = Path.of(named.replace('\\', '/'));
                Path f = dir.resolve(p.getFileName().toString());
                if (!Files.isRegularFile(f)) {
                    throw new VigilDiag.CliException("done file names " + named + ", which is not a file in " + dir.toAbsolutePath());
                }
                return List.of(f);
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(Files::isRegularFile).filter(f -> !f.equals(done)).sorted().toList();
            }
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot read " + dir.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
