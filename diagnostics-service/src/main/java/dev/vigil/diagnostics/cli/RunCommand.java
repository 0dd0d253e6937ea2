package dev.vigil.diagnostics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.runs.ProgressUpdate;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code run}, {@code status} and {@code delete}: start a run, follow its progress, fetch its archive. */
final class RunCommand {
    private final ServiceClient service;
    private final PrintStream out;

    RunCommand(ServiceClient service, PrintStream out) {
        this.service = service;
        this.out = out;
    }

    int run(Options o) {
        List<String> plugins = new ArrayList<>();
        for (String file : o.all("--plugin")) {
            Path p = Path.of(file);
            try {
                plugins.add(Files.readString(p));
            } catch (IOException e) {
                throw new VigilDiag.CliException("cannot read plugin definition " + p.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inventory", !o.flag("--no-inventory"));
        body.put("checks", !o.flag("--no-checks"));
        body.put("nodeChecks", !o.flag("--no-node-checks"));
        body.put("nodes", o.all("--node"));
        body.put("plugins", plugins);
        String id = service.postJson("/diagnostics/runs", body).path("id").asText();
        out.println("Run " + id + " started.");
        if (!o.flag("--wait")) {
            return 0;
        }
        long pollMs = Long.parseLong(o.one("--poll-ms").orElse("1000"));
        String last = "";
        JsonNode s;
        while (true) {
            s = service.getJson("/diagnostics/runs/" + id);
            String line = progress(s);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (finished(s.path("status").asText())) {
                break;
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VigilDiag.CliException("interrupted while waiting for run " + id);
            }
        }
        Path archive = download(id, Path.of(o.one("--out").orElse(".")));
        out.println("Run " + id + " " + s.path("status").asText().toLowerCase(java.util.Locale.ROOT) + ". Archive: " + archive);
        out.println();
        ResultsSummary.print(archive, out);
        return "COMPLETE".equals(s.path("status").asText()) ? 0 : 1;
    }

    int status(String id) {
        JsonNode s = service.getJson("/diagnostics/runs/" + id);
        out.println(progress(s));
        for (JsonNode p : s.path("plugins")) {
            for (JsonNode n : p.path("nodes")) {
                out.printf("  %-20s %-24s %-8s %-9s %s%n", p.path("name").asText(), n.path("node").asText(), n.path("os").asText(),
                        n.path("status").asText().toLowerCase(java.util.Locale.ROOT), (nodeProgress(n.path("progress")) + " "
                                + n.path("message").asText()).strip());
            }
        }
        return 0;
    }

    /** A node's last progress update as {@code sonobuoy status} shows it, with the plugin's message; "" when none came. */
    static String nodeProgress(JsonNode update) {
        if (update.isMissingNode() || update.isNull()) {
            return "";
        }
        try {
            ProgressUpdate u = Json.MAPPER.treeToValue(update, ProgressUpdate.class);
            return (u.summary() + (u.msg() == null || u.msg().isBlank() ? "" : " (" + u.msg().strip() + ")"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }

    /** {@code retrieve ID [--out DIR]}: the run's archive into DIR, its path printed as {@code sonobuoy retrieve} does. */
    int retrieve(String id, Path dir) {
        out.println(download(id, dir));
        return 0;
    }

    /** Fetches the archive into {@code dir} (on any file system: a Windows path works the same); returns its path. */
    Path download(String id, Path dir) {
        Path archive = dir.resolve("vigil-diagnostics-" + id + ".tar.gz");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot create " + dir.toAbsolutePath() + ": " + e.getMessage());
        }
        service.download("/diagnostics/runs/" + id + "/archive", archive);
        return archive;
    }

    int delete(String id) {
        service.delete("/diagnostics/runs/" + id);
        out.println("Run " + id + " cancelled and deleted.");
        return 0;
    }

    /** {@code run 1a2b: running; smoke running 2/4; vigil-node-checks complete 4/4} */
    static String progress(JsonNode s) {
        StringBuilder sb = new StringBuilder("run ").append(s.path("id").asText()).append(": ")
                .append(s.path("status").asText().toLowerCase(java.util.Locale.ROOT));
        for (JsonNode p : s.path("plugins")) {
            sb.append("; ").append(p.path("name").asText()).append(' ')
                    .append(p.path("status").asText().toLowerCase(java.util.Locale.ROOT)).append(' ').append(p.path("progress").asText());
        }
        return sb.toString();
    }

    private static boolean finished(String status) {
        return status.equals("COMPLETE") || status.equals("FAILED") || status.equals("CANCELLED");
    }
}
