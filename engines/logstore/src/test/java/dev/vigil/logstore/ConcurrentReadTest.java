package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers running while the writer appends and seals chunks see consistent prefixes. */
class ConcurrentReadTest {
    private static final Labels S = Labels.of("app", "busy");

    @TempDir
    Path dir;

    @Test
    void readsDuringWritesSeeSortedGapFreePrefixes() throws Exception {
        int total = 20_000;
        try (LogStore store = LogStore.open(dir, LogStoreOptions.defaults().withChunkTargetBytes(512))) {
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Direction d = r == 0 ? Direction.FORWARD : Direction.BACKWARD;
                results.add(readers.submit(() -> {
                    int reads = 0;
                    int last = 0;
                    while (!done.get() || reads == 0) {
                        List<StreamRef> refs = store.streams(List.of(LabelMatcher.equal("app", "busy")), 0, Long.MAX_VALUE);
                        if (refs.isEmpty()) {
                            continue;
                        }
                        List<Entries> got = Entries.drain(store.entries(refs.get(0), 0, Long.MAX_VALUE, d));
                        int n = got.size();
                        for (int i = 0; i < n; i++) {
                            long want = d == Direction.FORWARD ? i + 1 : n - i;
                            assertEquals(want, got.get(i).ts());
                        }
                        assertTrue(n >= last, "a later read never sees less");
                        last = n;
                        reads++;
                    }
                    return reads;
                }));
            }
            for (int i = 1; i <= total; i++) {
                store.append(S, i, "entry " + i);
            }
            done.set(true);
            for (Future<Integer> f : results) {
                assertTrue(f.get() > 0);
            }
            readers.shutdown();
            assertEquals(total, Entries.readAll(store, S).size());
        }
    }
}
