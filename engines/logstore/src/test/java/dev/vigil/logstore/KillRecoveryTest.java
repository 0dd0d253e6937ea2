package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks that recovery keeps every committed entry. */
class KillRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNothingCommittedAndRecoversAPrefix() throws Exception {
        for (int round = 0; round < 3; round++) {
            long committed = runAndKill(2_000L * (round + 1));
            long[] seen = readAll();
            // Entries are numbered in append order and spread over three streams: recovery must
            // give back a gap-free prefix of what was appended, at least as long as the commits.
            assertTrue(seen.length >= committed, "recovered " + seen.length + " of " + committed + " committed");
            for (int i = 0; i < seen.length; i++) {
                assertEquals(i, seen[i], "entry " + i + " after round " + round);
            }
        }
    }

    private long runAndKill(long killAfter) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long committed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                committed = Long.parseLong(line.substring("committed ".length()));
                if (committed >= killAfter) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        p.waitFor();
        assertTrue(committed >= killAfter, "writer died early after " + committed + " entries");
        return committed;
    }

    private long[] readAll() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (LogStore s = LogStore.open(dir, LogStoreOptions.defaults())) {
            for (StreamRef ref : s.streams(List.of(), Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertEquals("crash", ref.labels().get("app"));
                for (Entries e : Entries.drain(s.entries(ref, Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD))) {
                    assertEquals(e.ts(), Long.parseLong(e.line().split(" ")[1]));
                    ids.add(e.ts());
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
