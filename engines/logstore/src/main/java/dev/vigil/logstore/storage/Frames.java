package dev.vigil.logstore.storage;

import dev.vigil.logstore.chunk.ByteSink;
import java.util.zip.CRC32C;

/**
 * Record framing shared by chunk segments and the write-ahead log:
 * {@code int bodyLength, int crc32c(body), body}, big-endian. A reader stops at the first frame
 * whose length runs past the end of the file or whose checksum does not match: that is a torn
 * tail from a crash, and everything before it is intact.
 */
public final class Frames {
    /** Bytes of the frame header. */
    public static final int HEADER = 8;
    /** No record is this large; a length beyond it is garbage, not a record. */
    public static final int MAX_BODY = 1 << 30;

    private Frames() {
    }

    /** Reserves a frame header in {@code sink}; returns where the frame starts. */
    public static int begin(ByteSink sink) {
        int start = sink.size();
        sink.writeLong(0);
        return start;
    }

    /** Fills in the header of the frame that starts at {@code start} and ends at the sink's end. */
    public static void finish(ByteSink sink, int start) {
        int bodyLen = sink.size() - start - HEADER;
        sink.setInt(start, bodyLen);
        sink.setInt(start + 4, crc(sink.array(), start + HEADER, bodyLen));
    }

    public static int crc(byte[] buf, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(buf, off, len);
        return (int) c.getValue();
    }
}
