package dev.vigil.alert.stream;

import dev.vigil.model.Labels;

import java.util.Locale;

/**
 * Heap per watched series of the streaming store, for the {@code vigil.alert.streaming.max-series}
 * default: N series with node_exporter-shaped labels (unique instance per eight series), each
 * appended 40 samples 15 s apart with a 6-minute retention (25 kept), heap in use after a full GC
 * before and after. Not a test; run with
 * {@code java -cp "alert-service/target/test-classes:alert-service/target/classes:event-model/target/classes:engines/series-api/target/classes" dev.vigil.alert.stream.WindowStoreFootprint 100000}.
 */
public final class WindowStoreFootprint {
    private WindowStoreFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long before = usedAfterGc();
        WindowStore store = new WindowStore(360_000, 600_000);
        for (int i = 0; i < n; i++) {
            Labels l = Labels.of(Labels.METRIC_NAME, "node_network_receive_bytes_total", "device", "eth" + (i % 8),
                    "instance", "node-" + (i / 8) + ".example.org:9100", "job", "node");
            WindowStore.WindowSeries s = store.series(l);
            for (int k = 0; k < 40; k++) {
                s.append(1_700_000_000_000L + k * 15_000L, k);
            }
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "%d series held: %.0f bytes per series%n", store.size(), (after - before) / (double) n);
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return r.totalMemory() - r.freeMemory();
    }
}
