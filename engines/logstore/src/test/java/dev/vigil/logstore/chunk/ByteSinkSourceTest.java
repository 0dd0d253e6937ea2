package dev.vigil.logstore.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSinkSourceTest {

    @Test
    void varintsFixedWidthAndStringsRoundTrip() {
        long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        ByteSink out = new ByteSink(1);
        for (long v : values) {
            out.writeVarLong(v);
            out.writeSignedVarLong(v);
            out.writeLong(v);
        }
        out.writeInt(-123456);
        out.writeString("héllo");
        ByteSource in = new ByteSource(out.array(), 0, out.size());
        for (long v : values) {
            assertEquals(v, in.readVarLong());
            assertEquals(v, in.readSignedVarLong());
            assertEquals(v, in.readLong());
        }
        assertEquals(-123456, in.readInt());
        assertEquals("héllo", in.readString());
        assertEquals(0, in.remaining());
    }

    @Test
    void readingPastTheEndIsCorruptData() {
        ByteSink out = new ByteSink(4);
        out.writeVarInt(10);
        ByteSource in = new ByteSource(out.array(), 0, out.size());
        assertThrows(CorruptDataException.class, in::readString);
    }
}
