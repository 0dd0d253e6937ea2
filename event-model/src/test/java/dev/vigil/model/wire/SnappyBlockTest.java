package dev.vigil.model.wire;

import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnappyBlockTest {
    @Test
    void readsTheLengthSnappyWrites() throws IOException {
        for (int n : new int[] {0, 1, 127, 128, 16_383, 16_384, 1 << 20, 3_000_001}) {
            byte[] block = Snappy.compress(new byte[n]);
            assertEquals(n, SnappyBlock.declaredLength(block), n + " bytes");
        }
        byte[] text = "remote write".getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length, SnappyBlock.declaredLength(Snappy.compress(text)));
    }

    @Test
    void aBombDeclaresItsSizeInSixBytes() {
        // 2 GiB declared: 0x80 0x80 0x80 0x80 0x08, then one byte of nothing
        byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00};
        assertEquals(1L << 31, SnappyBlock.declaredLength(bomb));
    }

    @Test
    void malformedPreambles() {
        assertEquals(-1, SnappyBlock.declaredLength(new byte[0]));
        assertEquals(-1, SnappyBlock.declaredLength(new byte[] {(byte) 0x80}));
        assertEquals(-1, SnappyBlock.declaredLength(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}));
        assertEquals(-1, SnappyBlock.declaredLength(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}), "beyond 32 bits");
    }
}
