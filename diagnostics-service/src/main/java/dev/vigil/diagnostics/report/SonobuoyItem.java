package dev.vigil.diagnostics.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node of Sonobuoy's results tree, the {@code plugins/<plugin>/sonobuoy_results.yaml} that
 * {@code sonobuoy results} reads: the plugin (meta type {@code summary}), a node ({@code node}), a
 * result file ({@code file}), a suite or a test. Leaves carry the outcome; a branch's status is
 * its leaves' aggregate ({@link #aggregate}).
 */
public record SonobuoyItem(String name, String status, Map<String, String> meta, Map<String, Object> details,
                           List<SonobuoyItem> items) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String UNKNOWN = "unknown";
    public static final String TIMEOUT = "timeout";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public SonobuoyItem {
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * Sonobuoy's aggregation: any failed (or timed-out) leaf makes a branch failed, else any
     * unknown one (or an empty status) unknown, else passed; no items at all is unknown.
     */
    public static String aggregate(List<SonobuoyItem> items) {
        if (items.isEmpty()) {
            return UNKNOWN;
        }
        boolean failed = false;
        boolean unknown = false;
        for (SonobuoyItem i : items) {
            String s = i.items.isEmpty() ? i.status : aggregate(i.items);
            if (s == null || s.isEmpty() || s.equals(UNKNOWN)) {
                unknown = true;
            } else if (isFailure(s)) {
                failed = true;
            }
        }
        return failed ? FAILED : unknown ? UNKNOWN : PASSED;
    }

    public static boolean isFailure(String status) {
        return FAILED.equals(status) || TIMEOUT.equals(status);
    }

    /** Leaves by status, as {@code sonobuoy results} counts them. */
    public Map<String, Integer> leafCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        walk(this, counts, new ArrayList<>());
        return counts;
    }

    /** Names of the failed and timed-out leaves, in tree order. */
    public List<String> failedLeaves() {
        List<String> failed = new ArrayList<>();
        walk(this, new TreeMap<>(), failed);
        return failed;
    }

    private static void walk(SonobuoyItem i, Map<String, Integer> counts, List<String> failed) {
        if (!i.items.isEmpty()) {
            i.items.forEach(c -> walk(c, counts, failed));
            return;
        }
        counts.merge(i.status == null ? "" : i.status, 1, Integer::sum);
        if (isFailure(i.status)) {
            failed.add(i.name);
        }
    }

    /** The sub-tree rooted at the first item named {@code name} (depth first), this one for an empty name. */
    public Optional<SonobuoyItem> subTree(String name) {
        if (name == null || name.isEmpty() || name.equals(this.name)) {
            return Optional.of(this);
        }
        for (SonobuoyItem c : items) {
            Optional<SonobuoyItem> found = c.subTree(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when the bytes are not a results tree */
    public static SonobuoyItem read(byte[] yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a results tree is a mapping with name, status and items");
            }
            return of(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a results tree: " + e.getMessage());
        }
    }

    private static SonobuoyItem of(JsonNode n) {
        Map<String, String> meta = new LinkedHashMap<>();
        n.path("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        Map<String, Object> details = new LinkedHashMap<>();
        n.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), YAML.convertValue(e.getValue(), Object.class)));
        List<SonobuoyItem> items = new ArrayList<>();
        n.path("items").forEach(c -> items.add(of(c)));
        return new SonobuoyItem(n.path("name").asText(""), n.path("status").asText(""), meta, details, items);
    }

    /** The YAML Sonobuoy writes: name, status, meta, details, items; empty ones left out. */
    public byte[] toYaml() {
        try {
            return YAML.writeValueAsBytes(tree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status);
        if (!meta.isEmpty()) {
            m.put("meta", meta);
        }
        if (!details.isEmpty()) {
            m.put("details", details);
        }
        if (!items.isEmpty()) {
            m.put("items", items.stream().map(SonobuoyItem::tree).toList());
        }
        return m;
    }
}
