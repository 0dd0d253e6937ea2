package dev.vigil.diagnostics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigil-diag results} on a real Sonobuoy archive (Sonobuoy's integration-test tarball):
 * the counts its {@code sonobuoy_results.yaml} trees hold, in {@code sonobuoy results}' words and
 * plugin order.
 */
class ResultsCommandTest {
    @TempDir
    Path dir;

    private Path realArchive() throws IOException {
        Path archive = dir.resolve("sonobuoy.tar.gz");
        try (InputStream in = getClass().getResourceAsStream("/sonobuoy/results-quick-no-failures.tar.gz")) {
            Files.copy(in, archive);
        }
        return archive;
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VigilDiag.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void reportsEveryPluginAsSonobuoyResultsDoes() throws IOException {
        String[] r = run("results", realArchive().toString());
        assertEquals("0", r[0], r[2]);
        assertEquals("""
                Plugin: systemd-logs
                Status: passed
                Total: 1
                Passed: 1
                Failed: 0
                Skipped: 0

                Plugin: e2e
                Status: passed
                Total: 5771
                Passed: 1
                Failed: 0
                Skipped: 5770
                """, r[1]);
    }

    @Test
    void onePluginOneNodeOrTheTreeAsStored() throws IOException {
        Path archive = realArchive();
        String[] e2e = run("results", archive.toString(), "--plugin", "e2e");
        assertTrue(e2e[1].startsWith("Plugin: e2e\nStatus: passed\nTotal: 5771\n"), e2e[1]);
        assertTrue(!e2e[1].contains("systemd-logs"), e2e[1]);

        String[] node = run("results", archive.toString(), "--plugin", "systemd-logs", "--node", "kind-control-plane");
        assertEquals("Plugin: kind-control-plane\nStatus: passed\nTotal: 1\nPassed: 1\nFailed: 0\nSkipped: 0\n", node[1]);

        String[] dump = run("results", archive.toString(), "--plugin", "systemd-logs", "--mode", "dump");
        assertTrue(dump[1].startsWith("name: systemd-logs\nstatus: passed\nmeta:\n  type: summary\n"), dump[1]);

        String[] missing = run("results", archive.toString(), "--plugin", "nope");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("no results for plugin 'nope'"), missing[2]);
        String[] badMode = run("results", archive.toString(), "--mode", "detailed");
        assertEquals("2", badMode[0]);
        assertTrue(badMode[2].contains("--mode must be report or dump"), badMode[2]);
    }
}
