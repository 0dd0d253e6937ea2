package dev.vigil.logstore;

import dev.vigil.model.Labels;
import java.nio.file.Path;

/**
 * Child process of {@link KillRecoveryTest}: appends numbered entries forever, commits every 50,
 * and prints the count after each commit, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        LogStoreOptions options = LogStoreOptions.defaults().withChunkTargetBytes(4096).withWalCheckpointBytes(64 * 1024)
                .withSegmentTargetBytes(32 * 1024);
        try (LogStore store = LogStore.open(dir, options)) {
            for (long i = 0; ; i++) {
                Labels stream = Labels.of("app", "crash", "shard", Long.toString(i % 3));
                store.append(stream, i, "entry " + i + " payload " + "x".repeat((int) (i % 40)));
                if (i % 50 == 49) {
                    store.commit();
                    System.out.println("committed " + (i + 1));
                    System.out.flush();
                }
            }
        }
    }
}
