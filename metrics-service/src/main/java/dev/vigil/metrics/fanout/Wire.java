package dev.vigil.metrics.fanout;

import dev.vigil.model.Label;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            out.writeLong(r.mint());
            out.writeLong(r.maxt());
            out.writeInt(r.matchers().size());
            for (LabelMatcher m : r.matchers()) {
                out.writeByte(m.type().ordinal());
                writeString(out, m.name());
                writeString(out, m.value());
            }
            out.writeLong(r.hints().stepMs());
            out.writeLong(r.hints().rangeMs());
            writeString(out, r.hints().function());
            writeString(out, r.labelName());
        });
    }

    /** @throws IllegalArgumentException when the body is not a request */
    public static SelectRequest decodeRequest(byte[] body) {
        return read(body, in -> {
            long mint = in.readLong();
            long maxt = in.readLong();
            int n = count(in);
            List<LabelMatcher> matchers = new ArrayList<>(n);
            MatchType[] types = MatchType.values();
            for (int i = 0; i < n; i++) {
                int t = in.readUnsignedByte();
                if (t >= types.length) {
                    throw new IllegalArgumentException("unknown matcher type " + t);
                }
                matchers.add(new LabelMatcher(types[t], readString(in), readString(in)));
            }
            SelectHints hints = new SelectHints(in.readLong(), in.readLong(), readString(in));
            return new SelectRequest(mint, maxt, matchers, hints, readString(in));
        });
    }

    public static byte[] encodeSeries(List<Series> series) {
        return write(out -> {
            out.writeInt(series.size());
            long[] t = new long[64];
            double[] v = new double[64];
            for (Series s : series) {
                out.writeInt(s.labels().size());
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
                out.writeInt(n);
                for (int i = 0; i < n; i++) {
                    out.writeLong(t[i]);
                }
                for (int i = 0; i < n; i++) {
                    out.writeLong(Double.doubleToRawLongBits(v[i]));
                }
                out.writeInt(s.rollupSamples()); // the leading samples that are rollups, as the store said
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
                long[] t = new long[ns];
                double[] v = new double[ns];
                for (int j = 0; j < ns; j++) {
                    t[j] = in.readLong();
                }
                for (int j = 0; j < ns; j++) {
                    v[j] = Double.longBitsToDouble(in.readLong());
                }
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
            out.writeInt(strings.size());
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
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] body, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            T value = r.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " unexpected trailing bytes");
            }
            return value;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated fan-out message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("bad count " + n + " in fan-out message");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = count(in);
        if (n > in.available()) {
            throw new IllegalArgumentException("truncated fan-out message");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
