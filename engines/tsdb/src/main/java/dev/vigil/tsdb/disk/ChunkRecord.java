package dev.vigil.tsdb.disk;

import dev.vigil.tsdb.chunk.ChunkKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A chunk as stored in a segment record: {@code varint series id, kind byte, varint (maxTime -
 * minTime), chunk bytes}. The chunk's first timestamp and count are not repeated here since every
 * encoding keeps them in its own header ({@link ChunkKind#minTime}, {@link ChunkKind#count}); the
 * header is a few bytes because at about 120 samples of one bit or two each, a 16-byte header
 * would cost as much as the data.
 *
 * @param count      samples (or rollups) in the chunk
 * @param dataOffset where the chunk bytes start inside the payload
 */
public record ChunkRecord(int seriesId, ChunkKind kind, long minTime, long maxTime, int count, int dataOffset,
                          int dataLength) {

    public static byte[] encode(int seriesId, ChunkKind kind, long minTime, long maxTime, byte[] chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + 8);
        Varints.put(out, seriesId);
        out.write(kind.code());
        Varints.put(out, maxTime - minTime);
        out.writeBytes(chunk);
        return out.toByteArray();
    }

    /** Parses a payload; fails with IllegalArgumentException on a malformed one. */
    public static ChunkRecord decode(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            int id = Varints.getInt(in);
            ChunkKind kind = ChunkKind.ofCode(in.get());
            long span = Varints.get(in);
            int offset = in.position();
            long minTime = kind.minTime(payload, offset);
            int count = kind.count(payload, offset);
            return new ChunkRecord(id, kind, minTime, minTime + span, count, offset, payload.length - offset);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated chunk record", e);
        }
    }
}
