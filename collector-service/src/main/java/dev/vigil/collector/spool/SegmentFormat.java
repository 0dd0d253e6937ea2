package dev.vigil.collector.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The layout of a spool segment file.
 *
 * <pre>
 * header:  "VSPL" (4 bytes) | version (int, 1)
 * record:  payload length (int) | CRC-32 of payload (int) | payload
 * payload: topic length (short) | topic (UTF-8) | key length (int) | key | value length (int) | value
 * </pre>
 *
 * A record is valid only if its whole payload is there and its CRC matches, so a write torn by a
 * crash shows up as an invalid last record and is cut off when the spool opens.
 */
final class SegmentFormat {
    static final int HEADER = 8;
    static final int RECORD_OVERHEAD = 4 + 4 + 2 + 4 + 4;
    private static final int MAGIC = 0x5653504C; // "VSPL"
    private static final int VERSION = 1;

    private SegmentFormat() {
    }

    /** A record read back and the offset just past it. */
    record Read(SpoolRecord record, long end) {
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static boolean hasValidHeader(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        if (ch.read(b, 0) != HEADER) {
            return false;
        }
        b.flip();
        return b.getInt() == MAGIC && b.getInt() == VERSION;
    }

    static ByteBuffer encode(SpoolRecord r) {
        byte[] topic = r.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = r.key();
        byte[] value = r.value();
        int payload = 2 + topic.length + 4 + key.length + 4 + value.length;
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putInt(payload).putInt(0);
        b.putShort((short) topic.length).put(topic).putInt(key.length).put(key).putInt(value.length).put(value);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 8, payload);
        b.putInt(4, (int) crc.getValue());
        return b.flip();
    }

    /** The record at {@code offset}, or empty when none is complete and intact there (end of data or torn write). */
    static Optional<Read> read(FileChannel ch, long offset, long limit) throws IOException {
        if (offset + 8 > limit) {
            return Optional.empty();
        }
        ByteBuffer head = ByteBuffer.allocate(8);
        ch.read(head, offset);
        head.flip();
        int payload = head.getInt();
        int crcValue = head.getInt();
        if (payload < 10 || offset + 8 + payload > limit) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.allocate(payload);
        while (body.hasRemaining()) {
            if (ch.read(body, offset + 8 + body.position()) < 0) {
                return Optional.empty();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(body.array(), 0, payload);
        if ((int) crc.getValue() != crcValue) {
            return Optional.empty();
        }
        body.flip();
        try {
            byte[] topic = new byte[body.getShort()];
            body.get(topic);
            byte[] key = new byte[body.getInt()];
            body.get(key);
            byte[] value = new byte[body.getInt()];
            body.get(value);
            return Optional.of(new Read(new SpoolRecord(new String(topic, StandardCharsets.UTF_8), key, value), offset + 8 + payload));
        } catch (RuntimeException e) {
            // lengths inside a payload whose CRC matched but that does not parse: not ours
            return Optional.empty();
        }
    }
}
