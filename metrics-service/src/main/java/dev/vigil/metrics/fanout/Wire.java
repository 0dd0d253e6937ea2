package dev.vigil.metrics.fanout;

import dev.vigil.model.Label;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary format between instances ({@code application/octet-stream}): big-endian, strings
 * as u32 length + UTF-8. Values travel as raw IEEE bits, so stale markers
 * ({@link dev.vigil.model.StaleNaN}) survive the trip; a text format would lose them.
 * <pre>
 * request  = i64 mint | i64 maxt | u32 n | n x (u8 matchType | str name | str value)
 *            | i64 stepMs | i64 rangeMs | str function | str labelName
 * series   = u32 n | n x (u32 labels | labels x (str name | str value) | u32 samples
 *            | samples x i64 timestamp | samples x i64 valueBits | u32 rollupSamples)
 * strings  = u32 n | n x str
 * </pre>
 */
public final class Wire {
    /** Guards allocations against a corrupt length field. */
    private static final int MAX_COUNT = 1 << 28;

    private Wire() {
    }

    public static byte[] encodeRequest(SelectRequest r) {
        return write(out -> {
            out.i64(r.mint());
            out.i64(r.maxt());
            out.i32(r.matchers().size());
            for (LabelMatcher m : r.matchers()) {
                out.u8(m.type().ordinal());
                writeString(out, m.name());
                writeString(out, m.value());
            }
            out.i64(r.hints().stepMs());
            out.i64(r.hints().rangeMs());
            writeString(out, r.hints().function());
            writeString(out, r.labelName());
        });
    }

    /** evaluate = str expr | str tenant | i64 start | i64 end | i64 step | i64 lookbackDelta | i64 maxSamples | i64 timeoutMs */
    public static byte[] encodeEvaluate(EvaluateRequest r) {
        return write(out -> {
            writeString(out, r.expr());
            writeString(out, r.tenant());
            out.i64(r.startMs());
            out.i64(r.endMs());
            out.i64(r.stepMs());
            out.i64(r.lookbackDeltaMs());
            out.i64(r.maxSamples());
            out.i64(r.timeoutMs());
        });
    }

    /** evaluated = i64 samplesLoaded | series */
    public static byte[] encodeEvaluated(long samplesLoaded, List<Series> series) {
        byte[] rest = encodeSeries(series);
        return write(out -> {
            out.i64(samplesLoaded);
            out.bytes(rest);
        });
    }

    /** @throws IllegalArgumentException when the body is not an evaluate answer */
    public static dev.vigil.series.Partitions.Answer decodeEvaluated(byte[] body) {
        if (body.length < 8) {
            throw new IllegalArgumentException("truncated fan-out message");
        }
        long samples = ByteBuffer.wrap(body).getLong();
        return new dev.vigil.series.Partitions.Answer(decodeSeries(java.util.Arrays.copyOfRange(body, 8, body.length)), samples);
    }

    /** @throws IllegalArgumentException when the body is not an evaluate request */
    public static EvaluateRequest decodeEvaluate(byte[] body) {
        return read(body, in -> {
            EvaluateRequest r = new EvaluateRequest(readString(in), readString(in), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), in.getLong());
            if (r.stepMs() <= 0 || r.endMs() < r.startMs() || r.lookbackDeltaMs() <= 0 || r.maxSamples() < 0 || r.timeoutMs() <= 0) {
                throw new IllegalArgumentException("bad evaluate request: step " + r.stepMs() + ", " + r.startMs() + ".." + r.endMs()
                        + ", lookback " + r.lookbackDeltaMs());
            }
            return r;
        });
    }

    /** @throws IllegalArgumentException when the body is not a request */
    public static SelectRequest decodeRequest(byte[] body) {
        return read(body, in -> {
            long mint = in.getLong();
            long maxt = in.getLong();
            int n = count(in);
            List<LabelMatcher> matchers = new ArrayList<>(n);
            MatchType[] types = MatchType.values();
            for (int i = 0; i < n; i++) {
                int t = (in.get() & 0xFF);
                if (t >= types.length) {
                    throw new IllegalArgumentException("unknown matcher type " + t);
                }
                matchers.add(new LabelMatcher(types[t], readString(in), readString(in)));
            }
            SelectHints hints = new SelectHints(in.getLong(), in.getLong(), readString(in));
            return new SelectRequest(mint, maxt, matchers, hints, readString(in));
        });
    }

    public static byte[] encodeSeries(List<Series> series) {
        return write(out -> {
            out.i32(series.size());
            long[] t = new long[64];
            double[] v = new double[64];
            for (Series s : series) {
                out.i32(s.labels().size());
                for (Label l : s.labels()) {
                    writeString(out, l.name());
                    writeString(out, l.value());
                }
                int n = 0;
                SampleCursor c = s.cursor();
                while (c.next()) {
                    if (n == t.length) {
                        t = Arrays.copyOf(t, n * 2);
                        v = Arrays.copyOf(v, n * 2);
                    }
                    t[n] = c.timestamp();
                    v[n] = c.value();
                    n++;
                }
                out.i32(n);
                out.longs(t, n);
                out.doubles(v, n);
                out.i32(s.rollupSamples()); // the leading samples that are rollups, as the store said
            }
        });
    }

    /** @throws IllegalArgumentException when the body is not a series list */
    public static List<Series> decodeSeries(byte[] body) {
        return read(body, in -> {
            int n = count(in);
            List<Series> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int nl = count(in);
                Labels.Builder b = Labels.builder();
                for (int j = 0; j < nl; j++) {
                    b.set(readString(in), readString(in));
                }
                int ns = count(in);
                if ((long) ns * 16 > in.remaining()) {
                    throw new IllegalArgumentException("truncated fan-out message");
                }
                long[] t = new long[ns];
                double[] v = new double[ns];
                in.asLongBuffer().get(t);
                in.position(in.position() + ns * 8);
                in.asDoubleBuffer().get(v); // raw bits: a stale marker's NaN payload is kept
                in.position(in.position() + ns * 8);
                int rollups = count(in);
                if (rollups > ns) {
                    throw new IllegalArgumentException("more rollups (" + rollups + ") than samples (" + ns + ") in fan-out message");
                }
                out.add(new ArraySeries(b.build(), t, v, rollups));
            }
            return out;
        });
    }

    public static byte[] encodeStrings(List<String> strings) {
        return write(out -> {
            out.i32(strings.size());
            for (String s : strings) {
                writeString(out, s);
            }
        });
    }

    /** @throws IllegalArgumentException when the body is not a string list */
    public static List<String> decodeStrings(byte[] body) {
        return read(body, in -> {
            int n = count(in);
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(readString(in));
            }
            return out;
        });
    }

    private interface Writer {
        void write(Out out);
    }

    private interface Reader<T> {
        T read(ByteBuffer in);
    }

    /** A growing big-endian byte array: no stream, no lock per byte. */
    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(4096);

        private void room(long bytes) {
            if (buf.remaining() < bytes) {
                long need = buf.position() + bytes;
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("fan-out answer too large: more than 2 GiB");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * buf.capacity(), need)));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void u8(int v) {
            room(1);
            buf.put((byte) v);
        }

        void i32(int v) {
            room(4);
            buf.putInt(v);
        }

        void i64(long v) {
            room(8);
            buf.putLong(v);
        }

        void bytes(byte[] b) {
            room(b.length);
            buf.put(b);
        }

        void longs(long[] a, int n) {
            room(n * 8L);
            buf.asLongBuffer().put(a, 0, n);
            buf.position(buf.position() + n * 8);
        }

        /** Raw IEEE bits, NaN payloads included (a DoubleBuffer copies bits, it does not canonicalise). */
        void doubles(double[] a, int n) {
            room(n * 8L);
            buf.asDoubleBuffer().put(a, 0, n);
            buf.position(buf.position() + n * 8);
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static byte[] write(Writer w) {
        Out out = new Out();
        w.write(out);
        return out.toByteArray();
    }

    private static <T> T read(byte[] body, Reader<T> r) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            T value = r.read(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated fan-out message", e);
        }
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("bad count " + n + " in fan-out message");
        }
        return n;
    }

    private static void writeString(Out out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.i32(b.length);
        out.bytes(b);
    }

    private static String readString(ByteBuffer in) {
        int n = count(in);
        if (n > in.remaining()) {
            throw new IllegalArgumentException("truncated fan-out message");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}
