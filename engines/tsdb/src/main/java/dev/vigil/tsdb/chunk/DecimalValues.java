package dev.vigil.tsdb.chunk;

import java.util.Optional;

/**
 * Finds whether a chunk's values are all decimals m / 10^e with one scale e and integer
 * mantissas m, as values parsed from the text exposition mostly are (integers, hundredths of a
 * second, nanoseconds as seconds).
 *
 * <p>A value qualifies only if {@link #value} gives back its exact bits, so the encoding is
 * lossless by construction: division of an exactly representable integer by an exact power of
 * ten is correctly rounded, hence gives the double nearest to the decimal, which is what parsing
 * that decimal gave. NaN (the stale marker included), infinities and -0.0 never qualify; chunks
 * holding them stay in the Gorilla encoding.
 */
final class DecimalValues {
    /** The largest scale; 10^15 and every smaller power of ten are exact doubles. */
    static final int MAX_SCALE = 15;
    /** Mantissas must be exactly representable as doubles. */
    private static final double MANTISSA_LIMIT = 0x1p53;
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);
    private static final double[] POW10 = new double[MAX_SCALE + 1];

    static {
        double p = 1;
        for (int e = 0; e <= MAX_SCALE; e++) {
            POW10[e] = p;
            p *= 10;
        }
    }

    private DecimalValues() {
    }

    /**
     * The smallest scale at which each of vs[0..n-1] is a decimal, or -1 when there is none;
     * {@link #mantissas} confirms the scale for all of them together.
     */
    static int scale(double[] vs, int n) {
        int e = 0;
        for (int i = 0; i < n; i++) {
            double v = vs[i];
            if (!Double.isFinite(v) || Double.doubleToRawLongBits(v) == NEGATIVE_ZERO_BITS) {
                return -1;
            }
            while (mantissa(v, e) == Long.MIN_VALUE) {
                if (++e > MAX_SCALE) {
                    return -1;
                }
            }
        }
        return e;
    }

    /**
     * The mantissas of vs[0..n-1] at a scale {@link #scale} returned, or empty when one of them
     * fails there after all: a value that qualified at a smaller scale can exceed the mantissa
     * limit at the final one.
     */
    static Optional<long[]> mantissas(double[] vs, int n, int e) {
        long[] m = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = mantissa(vs[i], e);
            if (m[i] == Long.MIN_VALUE) {
                return Optional.empty();
            }
        }
        return Optional.of(m);
    }

    /** The value a mantissa stands for at scale {@code e}; the only way readers decode. */
    static double value(long m, int e) {
        return e == 0 ? (double) m : (double) m / POW10[e]; // dividing by 1 is exact, so skipping it changes no bit
    }

    /** m such that {@code value(m, e)} has exactly v's bits, or Long.MIN_VALUE when there is none. */
    private static long mantissa(double v, int e) {
        double scaled = v * POW10[e];
        if (!(Math.abs(scaled) < MANTISSA_LIMIT)) {
            return Long.MIN_VALUE;
        }
        long m = Math.round(scaled);
        return Double.doubleToRawLongBits(value(m, e)) == Double.doubleToRawLongBits(v) ? m : Long.MIN_VALUE;
    }
}
