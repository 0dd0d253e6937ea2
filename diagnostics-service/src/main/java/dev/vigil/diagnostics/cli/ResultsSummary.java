package dev.vigil.diagnostics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.report.JunitParser;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.DiagnosticsResult.Status;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code results <archive>}: per plugin the totals and each failed or warning case, as
 * {@code sonobuoy results} prints them. Reads {@code meta/results.json}; an archive without it (or
 * made by other tools in the same layout) is read from the JUnit files under {@code plugins/}.
 */
final class ResultsSummary {
    private ResultsSummary() {
    }

    /** One case as printed: plugin, node, name, status, message. */
    record Line(String plugin, String node, String name, Status status, String message) {
    }

    static int print(Path archive, PrintStream out) {
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(archive)) {
            entries = ResultsArchive.read(in);
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot read archive " + archive.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, List<Line>> byPlugin = new TreeMap<>();
        Map<String, String> nodeProblems = new TreeMap<>();
        if (entries.containsKey("meta/results.json")) {
            JsonNode report;
            try {
                report = Json.MAPPER.readTree(entries.get("meta/results.json"));
            } catch (IOException e) {
                throw new VigilDiag.CliException("meta/results.json in " + archive + " is not JSON: " + e.getMessage());
            }
            for (JsonNode p : report.path("plugins")) {
                List<Line> lines = byPlugin.computeIfAbsent(p.path("name").asText(), k -> new ArrayList<>());
                for (JsonNode n : p.path("nodes")) {
                    if (n.path("status").asText().equals("FAILED")) {
                        nodeProblems.put(p.path("name").asText() + " on " + n.path("node").asText(), n.path("message").asText());
                    }
                    for (JsonNode i : n.path("items")) {
                        lines.add(new Line(p.path("name").asText(), n.path("node").asText(), i.path("name").asText(),
                                Status.valueOf(i.path("status").asText()), i.path("message").asText()));
                    }
                }
            }
        } else {
            entries.forEach((name, content) -> {
                String[] parts = name.split("/");
                // plugins/<plugin>/results/<node>/<file>.xml: archive entry names always use '/'
                if (parts.length == 5 && parts[0].equals("plugins") && parts[2].equals("results") && parts[4].endsWith(".xml")) {
                    for (TestCase c : JunitParser.parse(content)) {
                        byPlugin.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(new Line(parts[1], parts[3], c.name(), c.status(), c.message()));
                    }
                }
            });
        }
        for (Map.Entry<String, List<Line>> e : byPlugin.entrySet()) {
            List<Line> lines = e.getValue();
            long failed = count(lines, Status.FAILED);
            boolean problem = failed > 0 || nodeProblems.keySet().stream().anyMatch(k -> k.startsWith(e.getKey() + " on "));
            out.println("Plugin: " + e.getKey());
            out.println("Status: " + (problem ? "failed" : "passed"));
            out.println("Total: " + lines.size());
            out.println("Passed: " + count(lines, Status.PASSED));
            out.println("Failed: " + failed);
            out.println("Warning: " + count(lines, Status.WARNING));
            out.println("Skipped: " + count(lines, Status.SKIPPED));
            List<Line> notable = lines.stream().filter(l -> l.status() == Status.FAILED || l.status() == Status.WARNING).toList();
            if (!notable.isEmpty()) {
                out.println("Failed and warning tests:");
                notable.forEach(l -> out.println("  [" + l.node() + "] " + l.name() + " (" + l.status().name().toLowerCase(java.util.Locale.ROOT)
                        + "): " + l.message()));
            }
            nodeProblems.forEach((k, v) -> {
                if (k.startsWith(e.getKey() + " on ")) {
                    out.println("  " + k + ": " + v);
                }
            });
            out.println();
        }
        return 0;
    }

    private static long count(List<Line> lines, Status s) {
        return lines.stream().filter(l -> l.status() == s).count();
    }
}
