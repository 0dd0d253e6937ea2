package dev.vigil.tsdb.chunk;

import dev.vigil.series.SampleCursor;

/**
 * An immutable chunk of one series' raw samples in time order, whatever its encoding. Readers
 * get one from {@link SampleChunks#of} and iterate it without knowing the kind.
 */
public sealed interface SampleChunk permits XorChunk, DecimalChunk {
    ChunkKind kind();

    int count();

    /** Encoded size in bytes, header included. */
    int sizeBytes();

    /** A copy of the encoded bytes. */
    byte[] bytes();

    /** A new cursor positioned before the first sample. */
    SampleCursor iterator();
}
