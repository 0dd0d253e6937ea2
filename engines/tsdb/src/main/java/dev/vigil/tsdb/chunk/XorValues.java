package dev.vigil.tsdb.chunk;

/**
 * Float values as in the Gorilla paper: the first in full (64 bits), then each value XORed with
 * the previous one:
 *
 * <pre>
 *   0                                         same bits as the previous value (1 bit)
 *   10 + meaningful bits                      the XOR fits inside the previous leading/trailing
 *                                             zero window, so the window is reused
 *   11 + 5 bits leading zeros (0..31)
 *      + 6 bits meaningful length (64 as 0)
 *      + meaningful bits                      a new window
 * </pre>
 *
 * Why: gauges often repeat exactly (1 bit), and neighbouring floats share sign, exponent and high
 * mantissa bits, so the XOR is a short run of meaningful bits in the middle. Values are compared
 * as raw bits, so NaN payloads, the stale marker, -0.0 and infinities survive exactly.
 */
public final class XorValues {
    private XorValues() {
    }

    /** Writes one value stream into a {@link BitWriter}. */
    public static final class Encoder {
        private long prevBits;
        private int leading = Integer.MAX_VALUE;
        private int trailing;
        private int count;

        public void write(BitWriter w, double v) {
            long bits = Double.doubleToRawLongBits(v);
            if (count == 0) {
                w.writeBits(bits, 64);
            } else {
                long xor = bits ^ prevBits;
                if (xor == 0) {
                    w.writeBit(false);
                } else {
                    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
                    int trail = Long.numberOfTrailingZeros(xor);
                    if (leading != Integer.MAX_VALUE && lead >= leading && trail >= trailing) {
                        w.writeBits(0b10, 2);
                        w.writeBits(xor >>> trailing, 64 - leading - trailing);
                    } else {
                        int sig = 64 - lead - trail;
                        w.writeBits(0b11, 2);
                        w.writeBits(lead, 5);
                        w.writeBits(sig & 63, 6);
                        w.writeBits(xor >>> trail, sig);
                        leading = lead;
                        trailing = trail;
                    }
                }
            }
            prevBits = bits;
            count++;
        }

        void restore(int count, long prevBits, int leading, int trailing) {
            this.count = count;
            this.prevBits = prevBits;
            this.leading = leading;
            this.trailing = trailing;
        }
    }

    /** Reads a value stream written by {@link Encoder}. */
    public static final class Decoder {
        private long bits;
        private int leading = Integer.MAX_VALUE;
        private int trailing;
        private int count;

        public double read(BitReader r) {
            if (count == 0) {
                bits = r.readBits(64);
            } else if (r.readBit()) {
                if (r.readBit()) {
                    leading = (int) r.readBits(5);
                    int sig = (int) r.readBits(6);
                    if (sig == 0) {
                        sig = 64;
                    }
                    trailing = 64 - leading - sig;
                } else if (leading == Integer.MAX_VALUE) {
                    throw new IllegalStateException("corrupt chunk: window reused before one was set");
                }
                bits ^= r.readBits(64 - leading - trailing) << trailing;
            }
            count++;
            return Double.longBitsToDouble(bits);
        }

        long bits() {
            return bits;
        }

        int leading() {
            return leading;
        }

        int trailing() {
            return trailing;
        }
    }
}
