package dev.vigil.alert.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's own contract; its verdicts beside promtool and amtool are in CheckCommandsCompatTest. */
class VigilCheckTest {
    private static final String DUPLICATES = """
            groups:
            - name: d
              rules:
              - record: job:up:sum
                expr: sum by (job) (up)
                labels: {team: a}
              - record: job:up:sum
                expr: sum by (job) (up)
                labels: {team: a}
              - record: job:up:sum
                expr: sum by (job) (up)
                labels: {team: b}
            """;

    record Run(int code, String out, String err) {
    }

    private static Run vigil(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VigilCheck.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void duplicateRulesAreALintThatFailsOnlyWithLintFatal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dup.yml");
        Files.writeString(f, DUPLICATES);
        Run lint = vigil("check", "rules", f.toString());
        assertEquals(0, lint.code());
        assertEquals("""
                  FAILED:
                lint error 1 duplicate rule(s) found.
                Metric: job:up:sum
                Label(s):
                \tteam: a
                Might cause inconsistency while recording expressions
                """, lint.err());
        assertEquals(3, vigil("check", "rules", "--lint-fatal", f.toString()).code());
        Run none = vigil("check", "rules", "--lint=none", f.toString());
        assertEquals("Checking " + f + "\n  SUCCESS: 3 rules found\n\n", none.out());
    }

    @Test
    void everyFileIsCheckedAndOneBadFileFailsTheRun(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yml");
        Files.writeString(good, "groups:\n- name: g\n  rules:\n  - alert: Up\n    expr: up == 0\n");
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "groups:\n- name: g\n  rules:\n  - alert: Up\n    expr: up ==\n");
        Run r = vigil("check", "rules", bad.toString(), good.toString());
        assertEquals(1, r.code());
        assertEquals("Checking " + bad + "\n\nChecking " + good + "\n  SUCCESS: 1 rules found\n\n", r.out());
        assertTrue(r.err().startsWith("  FAILED:\n" + bad + ": group \"g\", rule 1, \"Up\": could not parse expression: "), r.err());
    }

    @Test
    void misuseIsExitCodeTwoWithTheUsage() {
        assertEquals(2, vigil().code());
        assertEquals(2, vigil("check", "rules").code());
        assertEquals(2, vigil("check", "nonsense", "x").code());
        Run flag = vigil("check", "rules", "--bogus", "x.yml");
        assertEquals(2, flag.code());
        assertEquals("vigil: error: unknown flag --bogus\n", flag.err());
    }

    @Test
    void anUnreadableConfigFailsAsAmtoolSaysIt(@TempDir Path dir) {
        Run r = vigil("check", "config", dir.resolve("missing.yml").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("Checking '" + dir.resolve("missing.yml") + "'  FAILED: "), r.out());
        assertEquals("vigil: error: failed to validate 1 file(s)\n\n", r.err());
    }
}
