package dev.vigil.tsdb.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame around every record in a segment: {@code varint payload length, u32 CRC32C of the
 * payload (big-endian), payload}. Files from before this framing ({@link Segment#fixedFraming})
 * have a fixed {@code u32 length, u32 CRC32C} instead, and are still read. A crash mid-write
 * leaves a frame whose length runs past the end of the file or whose CRC does not match; the scan
 * stops at the first such frame, so a torn tail is never mistaken for data.
 *
 * <p>Why a varint: most chunk records are 20 to 300 bytes, so the length takes one or two bytes
 * instead of four, which is 0.02 bytes per sample at 120 samples per chunk.
 */
public final class RecordFraming {
    /** The frame of a {@code VGTSEG01} file. */
    static final int FIXED_HEADER_BYTES = 8;
    private static final int CRC_BYTES = 4;
    /** Far above any chunk; a larger length can only come from garbage. */
    static final int MAX_PAYLOAD = 16 << 20;
    /** The longest varint a length up to {@link #MAX_PAYLOAD} takes. */
    private static final int MAX_LENGTH_BYTES = 4;

    private RecordFraming() {
    }

    /** Receives each intact record found by {@link #scan}. */
    @FunctionalInterface
    public interface Visitor {
        void record(long payloadOffset, byte[] payload, int recordLength) throws IOException;
    }

    /** Bytes a framed record of {@code payloadLength} takes in a new segment. */
    public static int recordLength(int payloadLength) {
        return varintLength(payloadLength) + CRC_BYTES + payloadLength;
    }

    /** Writes a framed record, as new segments hold them. */
    public static void frame(ByteBuffer out, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        int v = payload.length;
        while ((v & ~0x7F) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
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
        ByteBuffer header = ByteBuffer.allocate(Math.max(FIXED_HEADER_BYTES, MAX_LENGTH_BYTES + CRC_BYTES));
        while (pos < end) {
            header.clear();
            header.limit((int) Math.min(header.capacity(), end - pos));
            while (header.hasRemaining()) {
                if (ch.read(header, pos + header.position()) < 0) {
                    return pos;
                }
            }
            header.flip();
            int length;
            if (segment.fixedFraming()) {
                if (header.remaining() < FIXED_HEADER_BYTES) {
                    return pos;
                }
                length = header.getInt();
            } else {
                length = readLength(header);
                if (length < 0 || header.remaining() < CRC_BYTES) {
                    return pos;
                }
            }
            int crc = header.getInt();
            int headerBytes = header.position();
            if (length < 0 || length > MAX_PAYLOAD || pos + headerBytes + length > end) {
                return pos;
            }
            byte[] payload = segment.read(pos + headerBytes, length);
            if (crc(payload) != crc) {
                return pos;
            }
            visitor.record(pos + headerBytes, payload, headerBytes + length);
            pos += headerBytes + length;
        }
        return pos;
    }

    /** A varint length from the header, or -1 when it is cut off or too long to be real. */
    private static int readLength(ByteBuffer header) {
        int v = 0;
        for (int i = 0; i < MAX_LENGTH_BYTES && header.hasRemaining(); i++) {
            byte b = header.get();
            v |= (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return v;
            }
        }
        return -1;
    }

    private static int varintLength(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static int crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return (int) c.getValue();
    }
}
