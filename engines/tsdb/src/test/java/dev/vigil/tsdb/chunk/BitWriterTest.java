package dev.vigil.tsdb.chunk;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BitWriterTest {

    @Test
    void bitsOfEveryWidthRoundTripThroughReader() {
        Random random = new Random(42);
        int[] widths = new int[2000];
        long[] values = new long[widths.length];
        BitWriter w = new BitWriter();
        for (int i = 0; i < widths.length; i++) {
            widths[i] = random.nextInt(65);
            long mask = widths[i] == 64 ? -1L : (1L << widths[i]) - 1;
            values[i] = random.nextLong() & mask;
            w.writeBits(values[i], widths[i]);
        }
        BitReader r = new BitReader(w.toByteArray(), 0);
        for (int i = 0; i < widths.length; i++) {
            assertEquals(values[i], r.readBits(widths[i]), "value " + i + " of width " + widths[i]);
        }
        assertEquals(w.bitLength(), r.position());
    }

    @Test
    void writesMostSignificantBitFirst() {
        BitWriter w = new BitWriter();
        w.writeBit(true);
        w.writeBits(0b01, 2);
        w.writeBits(0x1F, 5);
        w.writeBit(true);
        assertArrayEquals(new byte[] {(byte) 0b1011_1111, (byte) 0x80}, w.toByteArray());
        assertEquals(9, w.bitLength());
    }

    @Test
    void resumeContinuesAfterTheLastWrittenBitAndClearsPadding() {
        BitWriter w = new BitWriter();
        w.writeBits(0b101, 3);
        byte[] dirty = w.toByteArray();
        dirty[0] |= 0x1F;
        BitWriter resumed = BitWriter.resume(dirty, 3);
        resumed.writeBits(0b11111, 5);
        resumed.writeBits(0b0, 1);
        assertArrayEquals(new byte[] {(byte) 0b1011_1111, 0}, resumed.toByteArray());
    }

    @Test
    void readingPastTheEndIsReportedAsCorruption() {
        BitReader r = new BitReader(new byte[] {1}, 0);
        r.readBits(6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.readBits(3));
        assertEquals("corrupt chunk: read past end of 1 bytes", e.getMessage());
    }
}
