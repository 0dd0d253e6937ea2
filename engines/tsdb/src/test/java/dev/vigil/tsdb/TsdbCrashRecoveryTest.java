package dev.vigil.tsdb;

import dev.vigil.model.Labels;
import dev.vigil.tsdb.TsdbFixtures.S;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebuilds the directory as a kill -9 during the second commit could leave it (the segment cut at
 * every few bytes of what that commit wrote, a half-written temporary checkpoint, the first
 * checkpoint still current) and checks that each state opens to exactly the first commit.
 */
class TsdbCrashRecoveryTest {
    private static final TsdbOptions OPTIONS = TsdbOptions.DEFAULTS.withChunkTargetSamples(6);

    @TempDir
    Path work;

    private static void fill(Tsdb db, int from, int to) {
        for (int i = from; i < to; i++) {
            for (int s = 0; s < 5; s++) {
                db.append(Labels.of("__name__", "m", "s", Integer.toString(s)), T0 + i * 10_000L, i * 1.25 + s);
            }
        }
    }

    @Test
    void everyTornStateOfASecondCommitRecoversTheFirst() throws IOException {
        Path live = work.resolve("live");
        Map<String, List<S>> first;
        Map<String, List<S>> second;
        byte[] checkpoint1;
        long committedBySecond;
        long committedByFirst;
        try (Tsdb db = Tsdb.open(live, OPTIONS)) {
            fill(db, 0, 40);
            db.commit();
            first = dumpAll(db);
            checkpoint1 = Files.readAllBytes(only(live, ".ckpt"));
            committedByFirst = Files.size(only(live, ".seg"));
            fill(db, 40, 90);
            db.append(Labels.of("__name__", "born_after_first_commit"), T0, 1);
            db.commit();
            second = dumpAll(db);
        }
        Path segment = only(live, ".seg");
        byte[] full = Files.readAllBytes(segment);
        committedBySecond = full.length;
        byte[] checkpoint2 = Files.readAllBytes(newest(live));
        String segmentName = segment.getFileName().toString();

        int states = 0;
        for (long cut = committedBySecond; cut >= committedByFirst; cut -= 13) {
            Path crashed = work.resolve("crash-" + cut);
            Files.createDirectories(crashed);
            Files.write(crashed.resolve(segmentName), Arrays.copyOf(full, (int) cut));
            Files.write(crashed.resolve("checkpoint-00000000000000000001.ckpt"), checkpoint1);
            Files.write(crashed.resolve("checkpoint-00000000000000000002.tmp"),
                    Arrays.copyOf(checkpoint2, (int) (cut % checkpoint2.length)));
            try (Tsdb db = Tsdb.open(crashed, OPTIONS)) {
                assertEquals(first, dumpAll(db), "segment cut at " + cut + " of " + committedBySecond);
                assertEquals(0, db.stats().damagedRecordsSkipped(), "an uncommitted tail is not damage");
            }
            states++;
        }
        assertTrue(states > 10, "crash states tried: " + states);
        try (Tsdb db = Tsdb.open(live, OPTIONS)) {
            assertEquals(second, dumpAll(db), "once the second checkpoint is in place, the second commit opens");
        }
    }

    private static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "files ending in " + suffix + ": " + found);
            return found.get(0);
        }
    }

    private static Path newest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
