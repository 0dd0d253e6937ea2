package dev.vigil.tsdb.chunk;

import java.util.Arrays;

/**
 * Codes the integers x[1..n-1] of a closed chunk's column (timestamps, or decimal mantissas) when
 * x[0] is known to the reader. Four layouts; the encoder computes the size of each and writes the
 * smallest behind a 2-bit tag:
 *
 * <pre>
 *   00 DELTA_FOR    residuals d[i] = x[i] - x[i-1], i = 1..n-1, frame of reference
 *   01 DELTA_SPARSE residuals d[i], sparse code
 *   10 DOD_FOR      zigzag(d[1]) as varbits, then residuals d[i] - d[i-1], i = 2..n-1, frame of reference
 *   11 DOD_SPARSE   the same residuals, sparse code
 *
 *   frame of reference: varbits zigzag(min), 6 bits width w, varbits (g - 1) only when w > 0,
 *                       then per residual w bits of (r - min) / g
 *   sparse:             varbits (g - 1), 6 bits width w1, 6 bits width w2, then per residual
 *                       z = zigzag(r / g):  0 (z = 0) | 10 + w1 bits | 11 + w2 bits
 *   varbits:            6 bits length L, then L bits
 * </pre>
 *
 * Why these four: a steady counter or a regular scrape has residuals in a narrow band, which a
 * frame of reference codes in w bits each, and in zero bits when the band is a single value (a
 * constant gauge, a counter that never moves, scrapes exactly on the interval). A series that
 * mostly does not change (error counters, small gauges) is cheapest with one bit per unchanged
 * sample and a short code for the rest, and two widths keep one outlier from widening every code.
 * The common divisor g removes factors such as 4096-byte pages. Deltas of deltas help timestamps
 * with jitter and gauges that drift linearly.
 *
 * <p>The caller guarantees that all deltas and deltas of deltas are below 2^60 in magnitude (see
 * {@link #codable}), so no residual arithmetic here can overflow and every width fits 6 bits.
 * With 120-sample chunks every header bit costs a thousandth of a bit per sample, hence the small
 * fields: a constant column costs 14 bits, a regular 15 s scrape 29.
 */
final class IntegerSequence {
    /** Deltas and deltas of deltas must stay below this in magnitude, so that r - min fits a long. */
    private static final long LIMIT = 1L << 60;
    /** Every width written is at most 62 bits (see the class comment), so 6 bits hold it. */
    private static final int WIDTH_BITS = 6;
    private static final int DELTA_FOR = 0;
    private static final int DELTA_SPARSE = 1;
    private static final int DOD_FOR = 2;
    private static final int DOD_SPARSE = 3;

    private IntegerSequence() {
    }

    /** Whether x[0..n-1] can be coded: every delta and delta of delta is below 2^60 in magnitude. */
    static boolean codable(long[] x, int n) {
        long prevDelta = 0;
        for (int i = 1; i < n; i++) {
            long d;
            long dod;
            try {
                d = Math.subtractExact(x[i], x[i - 1]);
                dod = Math.subtractExact(d, prevDelta);
            } catch (ArithmeticException e) {
                return false;
            }
            if (Math.abs(d) >= LIMIT || Math.abs(dod) >= LIMIT) {
                return false;
            }
            prevDelta = d;
        }
        return true;
    }

    /**
     * Writes x[1..n-1] in the smallest of the four layouts (the first of equals, in tag order).
     * A layout whose least possible size cannot beat the best so far is not sized at all: closing
     * a chunk is on the append path, and steady columns are settled by the first layout.
     */
    static void write(BitWriter w, long[] x, int n) {
        if (n < 2) {
            return;
        }
        long[] deltas = new long[n - 1];
        for (int i = 1; i < n; i++) {
            deltas[i - 1] = x[i] - x[i - 1];
        }
        Frame deltaFrame = Frame.of(deltas);
        int mode = DELTA_FOR;
        long best = deltaFrame.cost();
        Sparse deltaSparse = null;
        if (best > Sparse.leastCost(deltas.length)) {
            deltaSparse = Sparse.of(deltas);
            if (deltaSparse.cost() < best) {
                mode = DELTA_SPARSE;
                best = deltaSparse.cost();
            }
        }
        long firstDeltaBits = varbitsCost(zigzag(deltas[0]));
        long[] dods = new long[n - 2];
        Frame dodFrame = null;
        Sparse dodSparse = null;
        if (best > firstDeltaBits + Frame.LEAST_COST) {
            for (int i = 1; i < deltas.length; i++) {
                dods[i - 1] = deltas[i] - deltas[i - 1];
            }
            dodFrame = Frame.of(dods);
            if (firstDeltaBits + dodFrame.cost() < best) {
                mode = DOD_FOR;
                best = firstDeltaBits + dodFrame.cost();
            }
            if (best > firstDeltaBits + Sparse.leastCost(dods.length)) {
                dodSparse = Sparse.of(dods);
                if (firstDeltaBits + dodSparse.cost() < best) {
                    mode = DOD_SPARSE;
                }
            }
        }
        w.writeBits(mode, 2);
        switch (mode) {
            case DELTA_FOR -> deltaFrame.write(w, deltas);
            case DELTA_SPARSE -> deltaSparse.write(w, deltas);
            case DOD_FOR -> {
                writeVarbits(w, zigzag(deltas[0]));
                dodFrame.write(w, dods);
            }
            default -> {
                writeVarbits(w, zigzag(deltas[0]));
                dodSparse.write(w, dods);
            }
        }
    }

    /** Reads x[1..n-1] written by {@link #write}; x[0] must already be set. */
    static void read(BitReader r, long[] x, int n) {
        if (n < 2) {
            return;
        }
        int mode = (int) r.readBits(2);
        if (mode == DELTA_FOR || mode == DELTA_SPARSE) {
            // residuals land in x[1..n-1] and are summed up in place
            if (mode == DELTA_FOR) {
                Frame.read(r, x, 1, n);
            } else {
                Sparse.read(r, x, 1, n);
            }
            for (int i = 1; i < n; i++) {
                x[i] += x[i - 1];
            }
            return;
        }
        long delta = unzigzag(readVarbits(r));
        if (mode == DOD_FOR) {
            Frame.read(r, x, 2, n);
        } else {
            Sparse.read(r, x, 2, n);
        }
        x[1] = x[0] + delta;
        for (int i = 2; i < n; i++) {
            delta += x[i];
            x[i] = x[i - 1] + delta;
        }
    }

    /** Frame of reference: every residual as (r - min) / g in a fixed width. */
    private record Frame(long min, long divisor, int width, int count) {
        /** Tag, the shortest min and the width field. */
        static final long LEAST_COST = 2 + WIDTH_BITS + WIDTH_BITS;

        static Frame of(long[] rs) {
            if (rs.length == 0) {
                return new Frame(0, 1, 0, 0);
            }
            long min = Long.MAX_VALUE;
            for (long r : rs) {
                min = Math.min(min, r);
            }
            long g = 0;
            long max = 0;
            for (long r : rs) {
                max = Math.max(max, r - min);
                if (g != 1) {
                    g = gcd(g, r - min);
                }
            }
            g = Math.max(g, 1);
            return new Frame(min, g, bitWidth(max / g), rs.length);
        }

        long cost() {
            return 2 + varbitsCost(zigzag(min)) + WIDTH_BITS + (width > 0 ? varbitsCost(divisor - 1) : 0)
                    + (long) count * width;
        }

        void write(BitWriter w, long[] rs) {
            writeVarbits(w, zigzag(min));
            w.writeBits(width, WIDTH_BITS);
            if (width > 0) {
                writeVarbits(w, divisor - 1);
            }
            for (long r : rs) {
                w.writeBits(divisor == 1 ? r - min : (r - min) / divisor, width);
            }
        }

        /** Reads residuals into out[from..to-1]. */
        static void read(BitReader r, long[] out, int from, int to) {
            long min = unzigzag(readVarbits(r));
            int width = readWidth(r);
            if (width == 0) {
                Arrays.fill(out, from, to, min);
                return;
            }
            long divisor = readVarbits(r) + 1;
            for (int i = from; i < to; i++) {
                out[i] = min + divisor * r.readBits(width);
            }
        }
    }

    /** Sparse code: one bit for a zero residual, a short or a long code for the others. */
    private record Sparse(long divisor, int shortWidth, int longWidth, long dataBits) {
        /** Tag, the shortest divisor, both widths and one bit per residual. */
        static long leastCost(int count) {
            return 2 + WIDTH_BITS + 2 * WIDTH_BITS + count;
        }

        static Sparse of(long[] rs) {
            long g = 0;
            for (int i = 0; i < rs.length && g != 1; i++) {
                g = gcd(g, rs[i]);
            }
            g = Math.max(g, 1);
            long[] countByWidth = new long[65];
            int longWidth = 0;
            for (long r : rs) {
                int wd = bitWidth(zigzag(g == 1 ? r : r / g));
                countByWidth[wd]++;
                longWidth = Math.max(longWidth, wd);
            }
            long nonZero = rs.length - countByWidth[0];
            int bestShort = 0;
            long best = Long.MAX_VALUE;
            long shortCount = 0;
            for (int shortWidth = 0; shortWidth <= longWidth; shortWidth++) {
                shortCount += shortWidth > 0 ? countByWidth[shortWidth] : 0;
                long bits = countByWidth[0] + shortCount * (2L + shortWidth) + (nonZero - shortCount) * (2L + longWidth);
                if (bits < best) {
                    best = bits;
                    bestShort = shortWidth;
                }
            }
            return new Sparse(g, bestShort, longWidth, best);
        }

        long cost() {
            return 2 + varbitsCost(divisor - 1) + 2 * WIDTH_BITS + dataBits;
        }

        void write(BitWriter w, long[] rs) {
            writeVarbits(w, divisor - 1);
            w.writeBits(shortWidth, WIDTH_BITS);
            w.writeBits(longWidth, WIDTH_BITS);
            for (long r : rs) {
                long z = zigzag(divisor == 1 ? r : r / divisor);
                if (z == 0) {
                    w.writeBit(false);
                } else if (bitWidth(z) <= shortWidth) {
                    w.writeBits(0b10, 2);
                    w.writeBits(z, shortWidth);
                } else {
                    w.writeBits(0b11, 2);
                    w.writeBits(z, longWidth);
                }
            }
        }

        /** Reads residuals into out[from..to-1]. */
        static void read(BitReader r, long[] out, int from, int to) {
            long divisor = readVarbits(r) + 1;
            int shortWidth = readWidth(r);
            int longWidth = readWidth(r);
            for (int i = from; i < to; i++) {
                if (!r.readBit()) {
                    out[i] = 0;
                } else {
                    long z = r.readBits(r.readBit() ? longWidth : shortWidth);
                    out[i] = unzigzag(z) * divisor;
                }
            }
        }
    }

    static void writeVarbits(BitWriter w, long v) {
        int n = bitWidth(v);
        w.writeBits(n, WIDTH_BITS);
        w.writeBits(v, n);
    }

    static long readVarbits(BitReader r) {
        return r.readBits(readWidth(r));
    }

    private static int readWidth(BitReader r) {
        return (int) r.readBits(WIDTH_BITS);
    }

    private static long varbitsCost(long v) {
        return WIDTH_BITS + bitWidth(v);
    }

    /** Bits needed for {@code v} read as unsigned. */
    static int bitWidth(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    private static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        if (a == b || b == 0) {
            return a; // the common case of steady columns, without a division
        }
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
