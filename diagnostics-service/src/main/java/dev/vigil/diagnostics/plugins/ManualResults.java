package dev.vigil.diagnostics.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.diagnostics.report.TestCase;
import dev.vigil.model.json.DiagnosticsResult.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sonobuoy's manual result format: a YAML tree of {@code name}, {@code status} and {@code items};
 * every leaf is one result, named by the path of names down to it.
 */
public final class ManualResults {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManualResults() {
    }

    /** @throws IllegalArgumentException when the content is not YAML */
    public static List<TestCase> parse(byte[] yaml) {
        try {
            List<TestCase> out = new ArrayList<>();
            walk(YAML.readTree(yaml), "", out);
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("not Sonobuoy manual results YAML: " + e.getMessage());
        }
    }

    private static void walk(JsonNode n, String prefix, List<TestCase> out) {
        String name = prefix.isEmpty() ? n.path("name").asText("") : prefix + " " + n.path("name").asText("");
        JsonNode items = n.path("items");
        if (items.isArray() && !items.isEmpty()) {
            items.forEach(i -> walk(i, name.strip(), out));
            return;
        }
        String status = n.path("status").asText("unknown").toLowerCase(Locale.ROOT);
        Status s = switch (status) {
            case "passed", "pass", "complete" -> Status.PASSED;
            case "failed", "fail", "error" -> Status.FAILED;
            case "skipped" -> Status.SKIPPED;
            default -> Status.WARNING;
        };
        out.add(new TestCase(name.strip(), s, s == Status.WARNING ? "status '" + status + "'" : ""));
    }
}
