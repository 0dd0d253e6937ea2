package dev.vigil.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside each module listed, packages depend on each other one way: the imports between a
 * module's own packages (main code) form no cycle, so every arrow between them points down (in
 * the store services: rest, then query, then fanout and streams, then store).
 */
class PackageCyclesTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.vigil\\.[\\w.]+)\\.[A-Z]\\w*(?:\\.[\\w*]+)*;", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @ParameterizedTest
    // Not yet listed: engines/tsdb (tsdb <-> tsdb.head), engines/logstore (logstore <-> logstore.read)
    // and engines/logql (its root, parser, eval, pipeline, storage and format packages).
    @ValueSource(strings = {"metrics-service", "logs-service", "alert-service", "collector-service", "diagnostics-service",
            "kafka-support", "event-model", "engines/promql", "engines/gotemplate"})
    void packagesOfAModuleFormNoCycle(String module) {
        Path src = RepoPaths.root().resolve(module).resolve("src/main/java");
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                assertTrue(pm.find(), "no package line in " + f);
                String from = pm.group(1);
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher im = IMPORT.matcher(text);
                while (im.find()) {
                    to.add(im.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(edges.size() > 1 || module.contains("gotemplate"), "packages read from " + src + ": " + edges.keySet());
        // only arrows between this module's own packages
        edges.values().forEach(targets -> targets.retainAll(edges.keySet()));
        List<String> cycle = findCycle(edges);
        assertTrue(cycle.isEmpty(), module + ": packages import each other in a cycle: " + String.join(" -> ", cycle));
    }

    private static List<String> findCycle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (next.equals(node)) {
                continue;
            }
            List<String> found = visit(next, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
