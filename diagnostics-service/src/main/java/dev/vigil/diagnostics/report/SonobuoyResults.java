package dev.vigil.diagnostics.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Sonobuoy's post-processing of a plugin's result files into {@code sonobuoy_results.yaml}, with
 * its rules: JUnit XML files become file → suite → test items (a test with {@code <failure>} or
 * {@code <error>} fails, one with {@code <skipped>} is skipped, any other passes, and a skip wins
 * over a failure as in Sonobuoy); raw files are one passed item each (a readable file is a
 * success); manual files are the plugin's own trees. DaemonSet plugins get one item per node.
 * Branch statuses are aggregated ({@link SonobuoyItem#aggregate}), manual ones as Sonobuoy
 * aggregates them (one status, or {@code "failed: 1, passed: 2"}).
 */
public final class SonobuoyResults {
    /** The tree's name in the archive, below {@code plugins/<plugin>/}. */
    public static final String FILE = "sonobuoy_results.yaml";

    private SonobuoyResults() {
    }

    /**
     * The tree of one plugin from its result files.
     *
     * @param format    {@code junit}, {@code raw} or {@code manual} (Sonobuoy's {@code result-format}; {@code e2e} reads as junit, anything else as raw)
     * @param daemonSet whether the plugin ran per node ({@code results/<node>/…}) or once ({@code results/global/…})
     * @param files     the plugin's files by their path below {@code plugins/<plugin>/}, with '/' separators
     */
    public static SonobuoyItem plugin(String plugin, String format, boolean daemonSet, Map<String, byte[]> files) {
        return plugin(plugin, format, daemonSet, List.of(), files);
    }

    /**
     * As above, reading only the files named in {@code resultFiles} (Sonobuoy's
     * {@code result-files}) when it is not empty, as Sonobuoy does.
     */
    public static SonobuoyItem plugin(String plugin, String format, boolean daemonSet, List<String> resultFiles, Map<String, byte[]> files) {
        return plugin(plugin, format, daemonSet, resultFiles, files.keySet(), files::get);
    }

    /**
     * As above, from the files' paths and a way to read one: only the files a JUnit or manual
     * plugin's trees are made of are read (a raw file is an item by its name alone, and plugins such
     * as systemd-logs leave large ones).
     */
    public static SonobuoyItem plugin(String plugin, String format, boolean daemonSet, List<String> resultFiles,
                                      Collection<String> paths, Function<String, byte[]> content) {
        String f = format == null ? "raw" : format.toLowerCase(Locale.ROOT);
        SortedSet<String> results = new TreeSet<>();
        for (String path : paths) {
            if (path.startsWith("results/") && selected(f, resultFiles, path)) {
                results.add(path);
            }
        }
        List<SonobuoyItem> items = new ArrayList<>();
        if (daemonSet) {
            Map<String, List<SonobuoyItem>> byNode = new TreeMap<>();
            for (String path : results) {
                String rest = path.substring("results/".length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    byNode.computeIfAbsent(rest.substring(0, slash), n -> new ArrayList<>()).add(file(f, path, content));
                }
            }
            byNode.forEach((node, fileItems) -> items.add(new SonobuoyItem(node,
                    f.equals("manual") ? manualAggregate(fileItems) : SonobuoyItem.aggregate(fileItems),
                    Map.of("type", "node"), Map.of(), fileItems)));
        } else {
            results.forEach(path -> items.add(file(f, path, content)));
        }
        String status;
        if (f.equals("manual")) {
            List<SonobuoyItem> all = daemonSet ? items.stream().flatMap(n -> n.items().stream()).toList() : items;
            status = manualAggregate(all);
        } else {
            status = SonobuoyItem.aggregate(items);
        }
        return new SonobuoyItem(plugin, status, Map.of("type", "summary"), Map.of(), items);
    }

    private static boolean selected(String format, List<String> resultFiles, String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (!resultFiles.isEmpty()) {
            return resultFiles.contains(base);
        }
        return switch (format) {
            case "junit", "e2e" -> base.endsWith(".xml");
            case "manual" -> base.equals(FILE);
            default -> true;
        };
    }

    private static SonobuoyItem file(String format, String path, Function<String, byte[]> content) {
        return switch (format) {
            case "junit", "e2e" -> junitFile(path, content.apply(path));
            case "manual" -> manualFile(path, content.apply(path));
            default -> rawFile(path);
        };
    }

    /** A raw result file: passed, since it could be read; Sonobuoy's raw items carry only the file in their meta. */
    public static SonobuoyItem rawFile(String path) {
        return new SonobuoyItem(baseName(path), SonobuoyItem.PASSED, Map.of("file", path), Map.of(), List.of());
    }

    /**
     * A manual results file as Sonobuoy wraps it: an item named for the file, with the file's meta,
     * the tree's own status and its items; unknown with the reason when it does not parse.
     */
    public static SonobuoyItem manualFile(String path, byte[] yaml) {
        Map<String, String> meta = fileMeta(path);
        try {
            SonobuoyItem tree = SonobuoyItem.read(yaml);
            return new SonobuoyItem(baseName(path), tree.status(), meta, Map.of(), tree.items());
        } catch (IllegalArgumentException e) {
            meta.put("error", e.getMessage());
            return new SonobuoyItem(baseName(path), SonobuoyItem.UNKNOWN, meta, Map.of(), List.of());
        }
    }

    /** A JUnit XML file: one item per suite, one per test below it. */
    public static SonobuoyItem junitFile(String path, byte[] xml) {
        Document doc;
        try {
            doc = JunitParser.document(xml);
        } catch (IllegalArgumentException e) {
            Map<String, String> meta = fileMeta(path);
            meta.put("error", e.getMessage());
            return new SonobuoyItem(baseName(path), SonobuoyItem.UNKNOWN, meta, Map.of(), List.of());
        }
        Element root = doc.getDocumentElement();
        List<Element> suites = root.getTagName().equals("testsuites") ? children(root, "testsuite") : List.of(root);
        boolean fileFailed = false;
        List<SonobuoyItem> suiteItems = new ArrayList<>();
        for (int i = 0; i < suites.size(); i++) {
            Element suite = suites.get(i);
            String name = suite.getAttribute("name");
            if (name.isEmpty()) {
                name = String.format("testsuite-%03d", i + 1);
            }
            boolean suiteFailed = false;
            List<SonobuoyItem> tests = new ArrayList<>();
            for (Element c : children(suite, "testcase")) {
                Element skipped = child(c, "skipped");
                Element failure = child(c, "failure");
                Element error = child(c, "error");
                String status;
                if (skipped == null && failure == null && error == null) {
                    status = SonobuoyItem.PASSED;
                } else if (skipped == null) {
                    status = SonobuoyItem.FAILED;
                    suiteFailed = true;
                } else {
                    status = SonobuoyItem.SKIPPED;
                }
                Map<String, Object> details = new LinkedHashMap<>();
                text(failure).ifPresent(t -> details.put("failure", t));
                text(error).ifPresent(t -> details.put("error", t));
                content(child(c, "system-out")).ifPresent(t -> details.put("system-out", t));
                content(child(c, "system-err")).ifPresent(t -> details.put("system-err", t));
                tests.add(new SonobuoyItem(c.getAttribute("name"), status, Map.of(), details, List.of()));
            }
            fileFailed |= suiteFailed;
            suiteItems.add(new SonobuoyItem(name, suiteFailed ? SonobuoyItem.FAILED : SonobuoyItem.PASSED, Map.of(), Map.of(), tests));
        }
        return new SonobuoyItem(baseName(path), fileFailed ? SonobuoyItem.FAILED : SonobuoyItem.PASSED, fileMeta(path), Map.of(), suiteItems);
    }

    /** Sonobuoy's manual aggregation: the one status all share, or each status with its count. */
    static String manualAggregate(List<SonobuoyItem> items) {
        if (items.isEmpty()) {
            return SonobuoyItem.UNKNOWN;
        }
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (SonobuoyItem i : items) {
            counts.merge(i.status().isEmpty() ? SonobuoyItem.UNKNOWN : i.status(), 1, Integer::sum);
        }
        if (counts.size() == 1) {
            return counts.firstKey();
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(s + ": " + n));
        return String.join(", ", parts);
    }

    private static Map<String, String> fileMeta(String path) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("file", path);
        meta.put("type", "file");
        return meta;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        List<Element> l = children(parent, tag);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Message attribute and text joined, as Sonobuoy records a failure or error. */
    private static Optional<String> text(Element e) {
        if (e == null) {
            return Optional.empty();
        }
        String t = (e.getAttribute("message") + " " + e.getTextContent()).strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    private static Optional<String> content(Element e) {
        return e == null || e.getTextContent().isEmpty() ? Optional.empty() : Optional.of(e.getTextContent());
    }
}
