package dev.vigil.tsdb.chunk;

/** Which encoding a stored chunk uses; the code is what the segment files hold. */
public enum ChunkKind {
    /** Raw samples, {@link XorChunk}. */
    XOR(0),
    /** Five-minute aggregates, {@link RollupChunk}. */
    ROLLUP(1),
    /** Raw samples whose values are decimals of one scale, {@link DecimalChunk}. */
    DECIMAL(2);

    private final int code;

    ChunkKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether chunks of this kind hold raw samples (as opposed to rollups). */
    public boolean raw() {
        return this != ROLLUP;
    }

    public static ChunkKind ofCode(int code) {
        for (ChunkKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown chunk kind " + code);
    }

    /**
     * The sample (or rollup) count of a chunk of this kind starting at {@code offset}; fails with
     * IllegalArgumentException when the bytes are too short to hold it.
     */
    public int count(byte[] chunk, int offset) {
        if (this == DECIMAL) {
            return DecimalChunk.count(chunk, offset);
        }
        requireFixedHeader(chunk, offset);
        return ((chunk[offset] & 0xFF) << 8) | (chunk[offset + 1] & 0xFF);
    }

    /**
     * The first timestamp of a chunk of this kind starting at {@code offset}, read from its header
     * (Gorilla and rollup chunks keep it in bytes 2-9); fails with IllegalArgumentException when the
     * bytes are too short to hold it.
     */
    public long minTime(byte[] chunk, int offset) {
        if (this == DECIMAL) {
            return DecimalChunk.minTime(chunk, offset);
        }
        requireFixedHeader(chunk, offset);
        long t = 0;
        for (int i = 0; i < 8; i++) {
            t = (t << 8) | (chunk[offset + XorChunk.HEADER_BYTES + i] & 0xFF);
        }
        return t;
    }

    private static void requireFixedHeader(byte[] chunk, int offset) {
        if (chunk.length - offset < XorChunk.HEADER_BYTES + 8) {
            throw new IllegalArgumentException("chunk shorter than its header");
        }
    }
}
