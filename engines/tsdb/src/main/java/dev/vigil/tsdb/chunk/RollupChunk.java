package dev.vigil.tsdb.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable chunk of {@link Rollup}s for one series, stored column by column.
 *
 * <pre>
 *   bytes 0-1   rollup count, unsigned big-endian
 *   then bits   all timestamps ({@link DeltaOfDelta}),
 *               then the min column, max, sum, count and last columns (each {@link XorValues})
 * </pre>
 *
 * Why columns: each aggregate is its own slowly varying series (count is nearly constant, min/max
 * track each other), and XOR compresses a column far better than interleaved aggregates whose
 * exponents differ. Rollup chunks are small (one per series per downsampling block) and are always
 * decoded whole, so nothing is lost by not being able to stop early. The first timestamp sits at
 * bytes 2-9, as in {@link XorChunk}.
 */
public final class RollupChunk {
    private final byte[] bytes;

    private RollupChunk(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Encodes rollups given in increasing timestamp order. */
    public static RollupChunk encode(List<Rollup> rollups) {
        if (rollups.isEmpty() || rollups.size() > XorChunk.MAX_SAMPLES) {
            throw new IllegalArgumentException("a rollup chunk holds 1.." + XorChunk.MAX_SAMPLES + " rollups, got " + rollups.size());
        }
        BitWriter w = new BitWriter();
        DeltaOfDelta.Encoder times = new DeltaOfDelta.Encoder();
        for (Rollup r : rollups) {
            times.write(w, r.timestampMs());
        }
        for (int column = 0; column < 5; column++) {
            XorValues.Encoder values = new XorValues.Encoder();
            for (Rollup r : rollups) {
                values.write(w, column(r, column));
            }
        }
        byte[] stream = w.toByteArray();
        byte[] out = new byte[XorChunk.HEADER_BYTES + stream.length];
        out[0] = (byte) (rollups.size() >>> 8);
        out[1] = (byte) rollups.size();
        System.arraycopy(stream, 0, out, XorChunk.HEADER_BYTES, stream.length);
        return new RollupChunk(out);
    }

    /** A chunk over encoded bytes (copied). */
    public static RollupChunk of(byte[] bytes) {
        if (bytes.length < XorChunk.HEADER_BYTES) {
            throw new IllegalArgumentException("rollup chunk needs at least " + XorChunk.HEADER_BYTES + " bytes");
        }
        return new RollupChunk(bytes.clone());
    }

    public int count() {
        return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    }

    public int sizeBytes() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** All rollups, in timestamp order. */
    public List<Rollup> decode() {
        int n = count();
        BitReader r = new BitReader(bytes, XorChunk.HEADER_BYTES);
        long[] ts = new long[n];
        DeltaOfDelta.Decoder times = new DeltaOfDelta.Decoder();
        for (int i = 0; i < n; i++) {
            ts[i] = times.read(r);
        }
        double[][] cols = new double[5][n];
        for (int column = 0; column < 5; column++) {
            XorValues.Decoder values = new XorValues.Decoder();
            for (int i = 0; i < n; i++) {
                cols[column][i] = values.read(r);
            }
        }
        List<Rollup> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Rollup(ts[i], cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i]));
        }
        return out;
    }

    private static double column(Rollup r, int column) {
        return switch (column) {
            case 0 -> r.min();
            case 1 -> r.max();
            case 2 -> r.sum();
            case 3 -> r.count();
            default -> r.last();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupChunk c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
