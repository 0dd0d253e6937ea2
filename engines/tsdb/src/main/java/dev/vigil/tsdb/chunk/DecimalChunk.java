package dev.vigil.tsdb.chunk;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable closed chunk whose values are all decimals of one scale, stored column by column:
 *
 * <pre>
 *   varint      sample count (unsigned LEB128)
 *   varint      zigzag(first timestamp)
 *   then bits   timestamps 1..n-1 ({@link IntegerSequence}),
 *               4 bits scale e, varbits zigzag(m[0]), mantissas 1..n-1 ({@link IntegerSequence})
 * </pre>
 *
 * where value i is {@code m[i] / 10^e} ({@link DecimalValues}). The header is varints rather than
 * Gorilla's fixed 10 bytes because a closed chunk of 120 samples often codes in about as many
 * bytes as that header; {@link ChunkKind#count} and {@link ChunkKind#minTime} read it.
 *
 * <p>Why a second encoding: Gorilla's XOR spends 2 to 7 bytes on a changing decimal because the
 * mantissa bits of k / 100 look random, while the integer k changes by a few bits. Open chunks
 * stay Gorilla (cheap appends, resumable from a checkpoint); a chunk is re-encoded when it is
 * closed, and only when the result is smaller ({@link SampleChunks#closed}). Readers decode a
 * whole chunk at once, since the columns are not interleaved.
 */
public final class DecimalChunk implements SampleChunk {

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
        Optional<long[]> mantissas = DecimalValues.mantissas(vs, n, e);
        if (mantissas.isEmpty()) {
            return Optional.empty();
        }
        long[] m = mantissas.get();
        BitWriter w = new BitWriter();
        IntegerSequence.write(w, ts, n);
        w.writeBits(e, 4);
        IntegerSequence.writeVarbits(w, IntegerSequence.zigzag(m[0]));
        IntegerSequence.write(w, m, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream(24 + (int) (w.bitLength() >>> 3));
        writeVarint(out, n);
        writeVarint(out, IntegerSequence.zigzag(ts[0]));
        out.writeBytes(w.toByteArray());
        return Optional.of(new DecimalChunk(out.toByteArray()));
    }

    /** A chunk over encoded bytes (copied); fails with IllegalArgumentException when the header is cut. */
    public static DecimalChunk of(byte[] bytes) {
        headerEnd(bytes, 0);
        return new DecimalChunk(bytes.clone());
    }

    /** The sample count of the chunk starting at {@code offset}. */
    static int count(byte[] chunk, int offset) {
        long n = readVarint(chunk, offset, new int[1]);
        if (n < 0 || n > XorChunk.MAX_SAMPLES) {
            throw new IllegalArgumentException("decimal chunk count " + n + " out of range");
        }
        return (int) n;
    }

    /** The first timestamp of the chunk starting at {@code offset}. */
    static long minTime(byte[] chunk, int offset) {
        int[] pos = {offset};
        readVarint(chunk, offset, pos);
        return IntegerSequence.unzigzag(readVarint(chunk, pos[0], pos));
    }

    /** Where the bit stream of the chunk starting at {@code offset} begins. */
    private static int headerEnd(byte[] chunk, int offset) {
        int[] pos = {offset};
        readVarint(chunk, offset, pos);
        readVarint(chunk, pos[0], pos);
        return pos[0];
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads an unsigned LEB128 varint at {@code offset}; {@code end[0]} is set past it. */
    private static long readVarint(byte[] b, int offset, int[] end) {
        long v = 0;
        for (int i = offset, shift = 0; shift < 64; i++, shift += 7) {
            if (i >= b.length) {
                throw new IllegalArgumentException("decimal chunk header cut at byte " + i);
            }
            v |= (long) (b[i] & 0x7F) << shift;
            if (b[i] >= 0) {
                end[0] = i + 1;
                return v;
            }
        }
        throw new IllegalArgumentException("decimal chunk header varint longer than 64 bits");
    }

    @Override
    public ChunkKind kind() {
        return ChunkKind.DECIMAL;
    }

    @Override
    public int count() {
        return count(bytes, 0);
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
            ts[0] = minTime(bytes, 0);
            BitReader r = new BitReader(bytes, headerEnd(bytes, 0));
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
