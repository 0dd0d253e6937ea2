package dev.vigil.diagnostics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.diagnostics.report.JunitParser;
import dev.vigil.diagnostics.report.ResultsArchive;
import dev.vigil.diagnostics.report.SonobuoyItem;
import dev.vigil.diagnostics.report.SonobuoyResults;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.DiagnosticsResult.Status;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code results <archive> [--plugin NAME] [--mode report|dump] [--node NAME]}: per plugin the
 * totals and the failed tests, as {@code sonobuoy results} prints them. A Vigil archive is read
 * from {@code meta/results.json}, which also names each failure's node and message; a Sonobuoy
 * archive (or {@code --mode dump}, or {@code --node}) from each plugin's
 * {@code plugins/<plugin>/sonobuoy_results.yaml}, counting leaves by status exactly as Sonobuoy
 * does, plugins in {@code meta/info.json}'s order; an archive with neither from the JUnit files
 * under {@code plugins/}.
 */
final class ResultsSummary {
    private ResultsSummary() {
    }

    /** One case as printed: plugin, node, name, status, message. */
    record Line(String plugin, String node, String name, Status status, String message) {
    }

    static int print(Path archive, PrintStream out) {
        return print(archive, Optional.empty(), "report", Optional.empty(), out);
    }

    static int print(Path archive, Optional<String> plugin, String mode, Optional<String> node, PrintStream out) {
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(archive)) {
            entries = ResultsArchive.read(in);
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot read archive " + archive.toAbsolutePath() + ": " + e.getMessage());
        }
        if (!mode.equals("report") && !mode.equals("dump")) {
            throw new IllegalArgumentException("--mode must be report or dump, not '" + mode + "'");
        }
        List<String> trees = sonobuoyPlugins(entries);
        // Vigil's own report (meta/results.json) carries each failure's message and node; a
        // Sonobuoy archive has only the trees, which are also what `--mode dump` shows.
        if (!trees.isEmpty() && (!entries.containsKey("meta/results.json") || mode.equals("dump") || node.isPresent())) {
            List<String> shown = plugin.map(List::of).orElse(trees);
            for (int i = 0; i < shown.size(); i++) {
                byte[] yaml = entries.get("plugins/" + shown.get(i) + "/" + SonobuoyResults.FILE);
                if (yaml == null) {
                    throw new VigilDiag.CliException("no results for plugin '" + shown.get(i) + "' in " + archive);
                }
                if (mode.equals("dump")) {
                    out.print(new String(yaml, StandardCharsets.UTF_8));
                } else {
                    SonobuoyItem root = SonobuoyItem.read(yaml);
                    String where = node.orElse("");
                    printReport(root.subTree(where).orElseThrow(() -> new VigilDiag.CliException("node named \"" + where + "\" not found")), out);
                }
                if (i + 1 < shown.size()) {
                    out.println();
                }
            }
            return 0;
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
        plugin.ifPresent(only -> byPlugin.keySet().retainAll(List.of(only)));
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

    /** Plugins with a results tree, in {@code meta/info.json}'s order, then any others by name. */
    private static List<String> sonobuoyPlugins(Map<String, byte[]> entries) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String name : entries.keySet()) {
            String[] parts = name.split("/");
            if (parts.length == 3 && parts[0].equals("plugins") && parts[2].equals(SonobuoyResults.FILE)) {
                found.add(parts[1]);
            }
        }
        List<String> ordered = new ArrayList<>();
        byte[] info = entries.get("meta/info.json");
        if (info != null) {
            try {
                Json.MAPPER.readTree(info).path("plugins").forEach(p -> {
                    if (found.remove(p.asText())) {
                        ordered.add(p.asText());
                    }
                });
            } catch (IOException e) {
                // no order to follow: by name
            }
        }
        ordered.addAll(found);
        return ordered;
    }

    /** Sonobuoy's report: totals by leaf status, failures and time-outs counted as failed, then other statuses by name. */
    private static void printReport(SonobuoyItem root, PrintStream out) {
        Map<String, Integer> counts = new TreeMap<>(root.leafCounts());
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.println("Plugin: " + root.name());
        out.println("Status: " + root.status());
        out.println("Total: " + total);
        out.println("Passed: " + counts.getOrDefault(SonobuoyItem.PASSED, 0));
        out.println("Failed: " + (counts.getOrDefault(SonobuoyItem.FAILED, 0) + counts.getOrDefault(SonobuoyItem.TIMEOUT, 0)));
        out.println("Skipped: " + counts.getOrDefault(SonobuoyItem.SKIPPED, 0));
        for (String s : List.of(SonobuoyItem.PASSED, SonobuoyItem.FAILED, SonobuoyItem.TIMEOUT, SonobuoyItem.SKIPPED)) {
            counts.remove(s);
        }
        counts.forEach((s, n) -> out.println(s + ": " + n));
        List<String> failed = root.failedLeaves();
        if (!failed.isEmpty()) {
            out.print("\nFailed tests:\n");
            out.println(String.join("\n", failed));
        }
    }

    private static long count(List<Line> lines, Status s) {
        return lines.stream().filter(l -> l.status() == s).count();
    }
}
