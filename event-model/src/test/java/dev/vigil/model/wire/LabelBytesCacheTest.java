package dev.vigil.model.wire;

import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class LabelBytesCacheTest {

    @Test
    void findsBySliceAcrossGrowthAndStartsOverWhenFull() {
        LabelBytesCache<Labels> cache = new LabelBytesCache<Labels>(5_000);
        Labels[] labels = new Labels[5_000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Labels.of("i", Integer.toString(i));
            byte[] framed = ("xx" + key(i) + "yy").getBytes(StandardCharsets.US_ASCII);
            cache.put(framed, 2, framed.length - 2, labels[i]);
        }
        assertEquals(5_000, cache.size());
        for (int i = 0; i < labels.length; i++) {
            byte[] k = key(i).getBytes(StandardCharsets.US_ASCII);
            assertSame(labels[i], cache.get(k, 0, k.length), "entry " + i);
        }
        byte[] absent = key(5_000).getBytes(StandardCharsets.US_ASCII);
        assertNull(cache.get(absent, 0, absent.length));
        assertNull(cache.get(absent, 0, 0), "the empty slice is not a key");

        cache.put(absent, 0, absent.length, Labels.of("i", "new"));
        assertEquals(1, cache.size(), "a full cache starts over rather than growing without bound");
        byte[] k0 = key(0).getBytes(StandardCharsets.US_ASCII);
        assertNull(cache.get(k0, 0, k0.length));
        assertEquals(Labels.of("i", "new"), cache.get(absent, 0, absent.length));
    }

    @Test
    void slicesThatDifferOnlyInTheirTailAreDifferentKeys() {
        LabelBytesCache<Labels> cache = new LabelBytesCache<Labels>(10);
        byte[] a = "0123456789abcdefX".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "0123456789abcdefY".getBytes(StandardCharsets.US_ASCII);
        cache.put(a, 0, a.length, Labels.of("k", "a"));
        assertNull(cache.get(b, 0, b.length));
        assertNull(cache.get(a, 0, a.length - 1));
        assertEquals(Labels.of("k", "a"), cache.get(a, 0, a.length));
    }

    private static String key(int i) {
        return "__name__=node_cpu_seconds_total,cpu=" + i + ",mode=idle";
    }
}
