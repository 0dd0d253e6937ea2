package dev.vigil.diagnostics.report;

import dev.vigil.diagnostics.plugins.ManualResults;
import dev.vigil.model.json.DiagnosticsResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFormatsTest {

    @Test
    void junitCasesAreReadWithFailureErrorAndSkipped() {
        String xml = """
                <testsuite name="s">
                  <testcase name="a"/>
                  <testcase name="b"><failure message="expected 1">trace</failure></testcase>
                  <testcase name="c"><error>boom</error></testcase>
                  <testcase name="d"><skipped message="not on windows"/></testcase>
                </testsuite>""";
        assertEquals(List.of(new TestCase("a", Status.PASSED, ""), new TestCase("b", Status.FAILED, "expected 1"),
                        new TestCase("c", Status.FAILED, "boom"), new TestCase("d", Status.SKIPPED, "not on windows")),
                JunitParser.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void junitWithADoctypeIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><testsuite><testcase name=\"&x;\"/></testsuite>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JunitParser.parse(xxe.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not JUnit XML"), e.getMessage());
    }

    @Test
    void writtenJunitReadsBackWithWarningsAsPassedAndEscapedText() {
        List<TestCase> cases = List.of(new TestCase("x <y> & \"z\"", Status.FAILED, "line1\nline2"),
                new TestCase("w", Status.WARNING, "careful"), new TestCase("s", Status.SKIPPED, "n/a"));
        List<TestCase> back = JunitParser.parse(JunitWriter.write(List.of(new JunitWriter.Suite("p/n", cases))).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new TestCase("x <y> & \"z\"", Status.FAILED, "line1\nline2"), new TestCase("w", Status.PASSED, ""),
                new TestCase("s", Status.SKIPPED, "n/a")), back);
    }

    @Test
    void manualResultsLeavesAreNamedByTheirPath() {
        String yaml = """
                name: net
                status: failed
                items:
                  - name: dns
                    status: passed
                  - name: mtu
                    status: failed
                  - name: ipv6
                    status: unknown
                """;
        assertEquals(List.of(new TestCase("net dns", Status.PASSED, ""), new TestCase("net mtu", Status.FAILED, ""),
                new TestCase("net ipv6", Status.WARNING, "status 'unknown'")), ManualResults.parse(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void archiveEntriesJoinPathElementsWithSlashAndRoundTrip(@TempDir Path root) throws Exception {
        Path f = root.resolve("plugins").resolve("smoke").resolve("results").resolve("win-1").resolve("junit.xml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<testsuites/>");
        assertEquals("plugins/smoke/results/win-1/junit.xml", ResultsArchive.entryName(root, f));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longName = "resources/ns/" + "n".repeat(120) + "/Pods.json";
        ResultsArchive.write(root, Map.of("meta/run.log", "started\n".getBytes(StandardCharsets.UTF_8), longName, new byte[]{1, 2}), out);
        Map<String, byte[]> back = ResultsArchive.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(List.of("plugins/smoke/results/win-1/junit.xml", "meta/run.log", longName), List.copyOf(back.keySet()));
        assertArrayEquals(new byte[]{1, 2}, back.get(longName));
    }
}
