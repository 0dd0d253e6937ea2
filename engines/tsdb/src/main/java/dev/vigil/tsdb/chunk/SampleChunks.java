package dev.vigil.tsdb.chunk;

/** Opens stored raw chunks by kind, and picks the encoding of a chunk being closed. */
public final class SampleChunks {
    private SampleChunks() {
    }

    /** The chunk of a raw kind over {@code bytes} (copied); rollup chunks are not raw samples. */
    public static SampleChunk of(ChunkKind kind, byte[] bytes) {
        return switch (kind) {
            case XOR -> XorChunk.of(bytes);
            case DECIMAL -> DecimalChunk.of(bytes);
            case ROLLUP -> throw new IllegalArgumentException("a rollup chunk does not hold raw samples");
        };
    }

    /**
     * The encoding a closed chunk is stored in: its decimal re-encoding when that is smaller, else
     * the Gorilla chunk itself.
     */
    public static SampleChunk closed(XorChunk chunk) {
        int n = chunk.count();
        long[] ts = new long[n];
        double[] vs = new double[n];
        XorIterator it = chunk.iterator();
        for (int i = 0; i < n && it.next(); i++) {
            ts[i] = it.timestamp();
            vs[i] = it.value();
        }
        return DecimalChunk.encode(ts, vs, n)
                .<SampleChunk>map(d -> d)
                .filter(d -> d.sizeBytes() < chunk.sizeBytes())
                .orElse(chunk);
    }
}
