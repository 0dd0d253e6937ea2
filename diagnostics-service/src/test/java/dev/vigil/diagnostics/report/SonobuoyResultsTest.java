package dev.vigil.diagnostics.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sonobuoy's post-processing, checked against a real Sonobuoy archive (its integration test's
 * {@code results-quick-no-failures.tar.gz}): the trees Vigil makes from the archive's own result
 * files equal the {@code sonobuoy_results.yaml} Sonobuoy wrote beside them, item for item.
 */
public class SonobuoyResultsTest {
    public static Map<String, byte[]> realArchive() throws IOException {
        try (InputStream in = SonobuoyResultsTest.class.getResourceAsStream("/sonobuoy/results-quick-no-failures.tar.gz")) {
            return ResultsArchive.read(in);
        }
    }

    /** The files of one plugin, by their path below {@code plugins/<plugin>/}. */
    static Map<String, byte[]> pluginFiles(Map<String, byte[]> archive, String plugin) {
        Map<String, byte[]> out = new TreeMap<>();
        String prefix = "plugins/" + plugin + "/";
        archive.forEach((name, content) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), content);
            }
        });
        return out;
    }

    @Test
    void theE2eJunitBecomesTheTreeSonobuoyWrote() throws IOException {
        Map<String, byte[]> archive = realArchive();
        SonobuoyItem sonobuoys = SonobuoyItem.read(archive.get("plugins/e2e/sonobuoy_results.yaml"));
        SonobuoyItem ours = SonobuoyResults.plugin("e2e", "junit", false, pluginFiles(archive, "e2e"));
        assertSameTree(sonobuoys, ours, "e2e");
        assertEquals(Map.of("passed", 1, "skipped", 5770), ours.leafCounts());
    }

    @Test
    void theSystemdLogsFilesBecomeTheTreeSonobuoyWrote() throws IOException {
        Map<String, byte[]> archive = realArchive();
        SonobuoyItem sonobuoys = SonobuoyItem.read(archive.get("plugins/systemd-logs/sonobuoy_results.yaml"));
        SonobuoyItem ours = SonobuoyResults.plugin("systemd-logs", "raw", true, pluginFiles(archive, "systemd-logs"));
        assertSameTree(sonobuoys, ours, "systemd-logs");
    }

    @Test
    void writtenTreesReadBackTheSame() throws IOException {
        SonobuoyItem tree = SonobuoyResults.plugin("e2e", "junit", false, pluginFiles(realArchive(), "e2e"));
        assertSameTree(tree, SonobuoyItem.read(tree.toYaml()), "e2e");
    }

    @Test
    void junitStatusesFollowSonobuoysRules() {
        String xml = """
                <testsuites>
                  <testsuite tests="4">
                    <testcase name="ok"/>
                    <testcase name="broken"><failure message="expected 1">got 2</failure></testcase>
                    <testcase name="crashed"><error message="panic"/></testcase>
                    <testcase name="skipped but failing"><skipped/><failure message="x"/></testcase>
                  </testsuite>
                  <testsuite name="second"><testcase name="fine"/></testsuite>
                </testsuites>
                """;
        SonobuoyItem file = SonobuoyResults.junitFile("results/global/out.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", file.status());
        assertEquals(Map.of("file", "results/global/out.xml", "type", "file"), file.meta());
        SonobuoyItem first = file.items().get(0);
        assertEquals("testsuite-001", first.name(), "an unnamed suite is named by its position");
        assertEquals("failed", first.status());
        assertEquals(List.of("passed", "failed", "failed", "skipped"), first.items().stream().map(SonobuoyItem::status).toList());
        assertEquals("expected 1 got 2", first.items().get(1).details().get("failure"));
        assertEquals("panic", first.items().get(2).details().get("error"));
        assertEquals("passed", file.items().get(1).status());
        assertEquals(List.of("broken", "crashed"), file.failedLeaves());
    }

    @Test
    void xmlThatDoesNotParseIsUnknownWithTheReason() {
        SonobuoyItem file = SonobuoyResults.junitFile("results/n1/bad.xml", "<testsuite><testcase".getBytes(StandardCharsets.UTF_8));
        assertEquals("unknown", file.status());
        assertTrue(file.meta().get("error").startsWith("not JUnit XML"), file.meta().toString());
        SonobuoyItem plugin = SonobuoyResults.plugin("p", "junit", true, Map.of("results/n1/bad.xml", "<x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("unknown", plugin.status(), "an unknown leaf makes the plugin unknown, as in Sonobuoy");
    }

    @Test
    void manualResultsKeepTheirTreeAndAggregateAsSonobuoyDoes() throws IOException {
        byte[] node1;
        try (InputStream in = getClass().getResourceAsStream("/sonobuoy/manual-results-node1.yaml")) {
            node1 = in.readAllBytes();
        }
        byte[] node2 = """
                name: other
                status: passed
                items:
                - name: a
                  status: passed
                """.getBytes(StandardCharsets.UTF_8);
        SonobuoyItem plugin = SonobuoyResults.plugin("ds-manual", "manual", true,
                Map.of("results/node1/sonobuoy_results.yaml", node1, "results/node2/sonobuoy_results.yaml", node2,
                        "results/node2/ignored.txt", new byte[] {1}));
        assertEquals(List.of("node1", "node2"), plugin.items().stream().map(SonobuoyItem::name).toList());
        assertEquals("node1status", plugin.items().get(0).status(), "one file: its own status");
        assertEquals("node1status: 1, passed: 1", plugin.status(), "statuses differ: each with its count");
        assertEquals(Map.of("status 2", 1, "passed", 1), plugin.leafCounts());
        assertFalse(SonobuoyResults.plugin("none", "manual", false, Map.of()).status().isEmpty());
        assertEquals("unknown", SonobuoyResults.plugin("none", "manual", false, Map.of()).status());
    }

    /** Names, statuses, meta and children equal, in order; details as far as Sonobuoy wrote them. */
    static void assertSameTree(SonobuoyItem expected, SonobuoyItem actual, String path) {
        assertEquals(expected.name(), actual.name(), path);
        assertEquals(expected.status(), actual.status(), path + " status");
        assertEquals(expected.meta(), actual.meta(), path + " meta");
        expected.details().forEach((k, v) -> assertEquals(v, actual.details().get(k), path + " details." + k));
        assertEquals(expected.items().size(), actual.items().size(), path + " items");
        for (int i = 0; i < expected.items().size(); i++) {
            assertSameTree(expected.items().get(i), actual.items().get(i), path + "/" + expected.items().get(i).name());
        }
    }
}
