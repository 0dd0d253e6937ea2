package dev.vigil.collector.host.procfs;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

import java.io.IOException;
import java.util.List;

/**
 * The kernel clock discipline as adjtimex(2) reports it, read through libc (JNA comes with OSHI).
 * Fields are the raw {@code struct timex} values; {@link TimexCollector} gives them units.
 */
record Timex(int state, long offset, long freq, long maxerror, long esterror, int status, long constant, long tick,
             long ppsfreq, long jitter, int shift, long stabil, long jitcnt, long calcnt, long errcnt, long stbcnt, int tai) {

    /** adjtimex's return value when the clock is not synchronised. */
    static final int TIME_ERROR = 5;

    /** One read with modes 0: nothing is changed, so it needs no privilege. */
    static Timex read() throws IOException {
        Native64Timex t = new Native64Timex();
        int state;
        try {
            state = LibC.INSTANCE.adjtimex(t);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IOException("adjtimex: " + e.getMessage(), e);
        }
        if (state < 0) {
            throw new IOException("adjtimex failed, errno " + Native.getLastError());
        }
        return new Timex(state, t.offset.longValue(), t.freq.longValue(), t.maxerror.longValue(), t.esterror.longValue(), t.status,
                t.constant.longValue(), t.tick.longValue(), t.ppsfreq.longValue(), t.jitter.longValue(), t.shift,
                t.stabil.longValue(), t.jitcnt.longValue(), t.calcnt.longValue(), t.errcnt.longValue(), t.stbcnt.longValue(), t.tai);
    }

    /** glibc's struct timex; JNA lays out the C longs and the padding as the compiler does. */
    public static final class Native64Timex extends Structure {
        public int modes;
        public NativeLong offset;
        public NativeLong freq;
        public NativeLong maxerror;
        public NativeLong esterror;
        public int status;
        public NativeLong constant;
        public NativeLong precision;
        public NativeLong tolerance;
        public NativeLong timeSec;
        public NativeLong timeUsec;
        public NativeLong tick;
        public NativeLong ppsfreq;
        public NativeLong jitter;
        public int shift;
        public NativeLong stabil;
        public NativeLong jitcnt;
        public NativeLong calcnt;
        public NativeLong errcnt;
        public NativeLong stbcnt;
        public int tai;
        public int[] reserved = new int[11];

        @Override
        protected List<String> getFieldOrder() {
            return List.of("modes", "offset", "freq", "maxerror", "esterror", "status", "constant", "precision", "tolerance",
                    "timeSec", "timeUsec", "tick", "ppsfreq", "jitter", "shift", "stabil", "jitcnt", "calcnt", "errcnt", "stbcnt",
                    "tai", "reserved");
        }
    }
}
