package dev.vigil.tsdb.chunk;

import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable closed chunk whose values are all decimals of one scale, stored column by column:
 *
 * <pre>
 *   bytes 0-1   sample count, unsigned big-endian
 *   bytes 2-9   first timestamp, big-endian
 *   then bits   timestamps 1..n-1 ({@link IntegerSequence}),
 *               4 bits scale e, varbits zigzag(m[0]), mantissas 1..n-1 ({@link IntegerSequence})
 * </pre>
 *
 * where value i is {@code m[i] / 10^e} ({@link DecimalValues}). Count and first timestamp sit
 * where {@link XorChunk} keeps them, so segment records and recovery read both kinds alike.
 *
 * <p>Why a second encoding: Gorilla's XOR spends 2 to 7 bytes on a changing decimal because the
 * mantissa bits of k / 100 look random, while the integer k changes by a few bits. Open chunks
 * stay Gorilla (cheap appends, resumable from a checkpoint); a chunk is re-encoded when it is
 * closed, and only when the result is smaller ({@link SampleChunks#closed}). Readers decode a
 * whole chunk at once, since the columns are not interleaved.
 */
public final class DecimalChunk implements SampleChunk {
    private static final int HEADER_BYTES = 10;

    private final byte[] bytes;

    private DecimalChunk(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Encodes ts[0..n-1], vs[0..n-1] (timestamps increasing); empty when a value is not a decimal
     * (NaN, infinity, -0.0, more than 15 decimals or a mantissa beyond 2^53) or timestamps are
     * too far apart to code.
     */
    public static Optional<DecimalChunk> encode(long[] ts, double[] vs, int n) {
        if (n < 1 || n > XorChunk.MAX_SAMPLES) {
            return Optional.empty();
        }
        int e = DecimalValues.scale(vs, n);
        if (e < 0 || !IntegerSequence.codable(ts, n)) {
            return Optional.empty();
        }
        long[] m = DecimalValues.mantissas(vs, n, e);
        BitWriter w = new BitWriter();
        IntegerSequence.write(w, ts, n);
        w.writeBits(e, 4);
        IntegerSequence.writeVarbits(w, IntegerSequence.zigzag(m[0]));
        IntegerSequence.write(w, m, n);
        byte[] stream = w.toByteArray();
        byte[] out = new byte[HEADER_BYTES + stream.length];
        out[0] = (byte) (n >>> 8);
        out[1] = (byte) n;
        for (int i = 0; i < 8; i++) {
            out[2 + i] = (byte) (ts[0] >>> (56 - 8 * i));
        }
        System.arraycopy(stream, 0, out, HEADER_BYTES, stream.length);
        return Optional.of(new DecimalChunk(out));
    }

    /** A chunk over encoded bytes (copied). */
    public static DecimalChunk of(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("decimal chunk needs at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        return new DecimalChunk(bytes.clone());
    }

    @Override
    public ChunkKind kind() {
        return ChunkKind.DECIMAL;
    }

    @Override
    public int count() {
        return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    }

    @Override
    public int sizeBytes() {
        return bytes.length;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * A cursor over all samples. The chunk is decoded here, whole; a corrupt chunk fails with
     * IllegalStateException.
     */
    @Override
    public DecimalIterator iterator() {
        int n = count();
        long[] ts = new long[n];
        double[] vs = new double[n];
        if (n > 0) {
            ts[0] = ChunkKind.minTime(bytes, 0);
            BitReader r = new BitReader(bytes, HEADER_BYTES);
            IntegerSequence.read(r, ts, n);
            int e = (int) r.readBits(4);
            if (e > DecimalValues.MAX_SCALE) {
                throw new IllegalStateException("corrupt chunk: decimal scale " + e);
            }
            long[] m = new long[n];
            m[0] = IntegerSequence.unzigzag(IntegerSequence.readVarbits(r));
            IntegerSequence.read(r, m, n);
            for (int i = 0; i < n; i++) {
                vs[i] = DecimalValues.value(m[i], e);
            }
        }
        return new DecimalIterator(ts, vs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecimalChunk c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DecimalChunk[" + count() + " samples, " + bytes.length + " bytes]";
    }
}
