package dev.vigil.logstore.storage;

import dev.vigil.logstore.chunk.ChunkCodec;
import dev.vigil.logstore.chunk.DecodedChunk;

/**
 * Where a sealed chunk lives and what it covers; the in-memory index entry of a chunk.
 *
 * @param segment       the segment file holding it
 * @param dataOffset    file offset of the compressed frame
 * @param dataLength    compressed length
 * @param payloadLength uncompressed length
 * @param minTs         oldest timestamp
 * @param maxTs         newest timestamp
 * @param entries       number of entries
 * @param rawBytes      raw line and metadata bytes
 * @param lastSeq       largest store-wide append sequence number among its entries
 */
public record ChunkRef(SegmentFile segment, long dataOffset, int dataLength, int payloadLength, long minTs,
                       long maxTs, int entries, long rawBytes, long lastSeq) {

    /** Whether the chunk's time bounds overlap {@code [from, to)}. */
    public boolean overlaps(long from, long to) {
        return minTs < to && maxTs >= from;
    }

    /** Reads and decompresses the chunk, reusing {@code scratch} for the payload when it is large enough. */
    public DecodedChunk decode(byte[] scratch) {
        byte[] data = segment.read(dataOffset, dataLength);
        return ChunkCodec.decode(data, 0, dataLength, payloadLength, scratch);
    }
}
