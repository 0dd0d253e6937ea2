package dev.vigil.tsdb.chunk;

/**
 * Timestamps as in the Gorilla paper: the first in full (64 bits), then the difference between
 * consecutive deltas ("delta of delta") in a prefix-coded bucket:
 *
 * <pre>
 *   0                      dod == 0                (1 bit)
 *   10   + 14 bits signed  -8192 .. 8191 ms        (16 bits)
 *   110  + 17 bits signed  -65536 .. 65535 ms      (20 bits)
 *   1110 + 20 bits signed  -524288 .. 524287 ms    (24 bits)
 *   1111 + 64 bits         anything else           (68 bits)
 * </pre>
 *
 * Why: scrapes are regular, so almost every dod is 0 and costs one bit; the bucket widths are the
 * paper's, widened for milliseconds (a few seconds of jitter fits 14 bits, a missed scrape at a
 * 1 m interval fits 17, a gap of minutes fits 20). The second timestamp is coded with a previous
 * delta of 0, so its dod is the interval itself (one 20-bit bucket per chunk for 15 s scrapes).
 */
public final class DeltaOfDelta {
    private DeltaOfDelta() {
    }

    /** Writes one timestamp stream into a {@link BitWriter}. */
    public static final class Encoder {
        private long prevT;
        private long prevDelta;
        private int count;

        public void write(BitWriter w, long t) {
            if (count == 0) {
                w.writeBits(t, 64);
            } else {
                long delta = t - prevT;
                writeDod(w, delta - prevDelta);
                prevDelta = delta;
            }
            prevT = t;
            count++;
        }

        /** Restores the state after {@code count} timestamps, the last two being given. */
        void restore(int count, long prevT, long prevDelta) {
            this.count = count;
            this.prevT = prevT;
            this.prevDelta = prevDelta;
        }

        private static void writeDod(BitWriter w, long dod) {
            if (dod == 0) {
                w.writeBit(false);
            } else if (fits(dod, 14)) {
                w.writeBits(0b10, 2);
                w.writeBits(dod, 14);
            } else if (fits(dod, 17)) {
                w.writeBits(0b110, 3);
                w.writeBits(dod, 17);
            } else if (fits(dod, 20)) {
                w.writeBits(0b1110, 4);
                w.writeBits(dod, 20);
            } else {
                w.writeBits(0b1111, 4);
                w.writeBits(dod, 64);
            }
        }

        private static boolean fits(long v, int bits) {
            return v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
        }
    }

    /** Reads a timestamp stream written by {@link Encoder}. */
    public static final class Decoder {
        private long t;
        private long delta;
        private int count;

        public long read(BitReader r) {
            if (count == 0) {
                t = r.readBits(64);
            } else {
                delta += readDod(r);
                t += delta;
            }
            count++;
            return t;
        }

        long delta() {
            return delta;
        }

        private static long readDod(BitReader r) {
            if (!r.readBit()) {
                return 0;
            }
            if (!r.readBit()) {
                return signed(r.readBits(14), 14);
            }
            if (!r.readBit()) {
                return signed(r.readBits(17), 17);
            }
            if (!r.readBit()) {
                return signed(r.readBits(20), 20);
            }
            return r.readBits(64);
        }

        private static long signed(long v, int bits) {
            return (v << (64 - bits)) >> (64 - bits);
        }
    }
}
