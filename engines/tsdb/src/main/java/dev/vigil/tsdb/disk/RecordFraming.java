package dev.vigil.tsdb.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame around every record in a segment: {@code u32 payload length, u32 CRC32C of the
 * payload, payload}, big-endian. A crash mid-write leaves a frame whose length runs past the end
 * of the file or whose CRC does not match; the scan stops at the first such frame, so a torn tail
 * is never mistaken for data.
 */
public final class RecordFraming {
    public static final int HEADER_BYTES = 8;
    /** Far above any chunk; a larger length can only come from garbage. */
    static final int MAX_PAYLOAD = 16 << 20;

    private RecordFraming() {
    }

    /** Receives each intact record found by {@link #scan}. */
    @FunctionalInterface
    public interface Visitor {
        void record(long payloadOffset, byte[] payload) throws IOException;
    }

    public static void frame(ByteBuffer out, byte[] payload) {
        out.putInt(payload.length);
        out.putInt(crc(payload));
        out.put(payload);
    }

    /**
     * Visits the records of a segment from after its magic to {@code end}; returns the offset just
     * past the last intact record, which is less than {@code end} when the tail is torn or damaged.
     */
    public static long scan(Segment segment, long end, Visitor visitor) throws IOException {
        FileChannel ch = segment.channel();
        long pos = Segment.MAGIC.length;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (pos + HEADER_BYTES <= end) {
            header.clear();
            while (header.hasRemaining()) {
                if (ch.read(header, pos + header.position()) < 0) {
                    return pos;
                }
            }
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_PAYLOAD || pos + HEADER_BYTES + length > end) {
                return pos;
            }
            byte[] payload = segment.read(pos + HEADER_BYTES, length);
            if (crc(payload) != crc) {
                return pos;
            }
            visitor.record(pos + HEADER_BYTES, payload);
            pos += HEADER_BYTES + length;
        }
        return pos;
    }

    static int crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return (int) c.getValue();
    }
}
