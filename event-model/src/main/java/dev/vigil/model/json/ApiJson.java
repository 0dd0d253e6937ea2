package dev.vigil.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.model.Labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * The JSON the Prometheus and Loki HTTP APIs share: the {@code {"status":"success","data":…}}
 * envelope, lists of strings and of label sets, a label set as an object, and a
 * {@code [time, "value"]} point with the time in decimal seconds as both write it.
 */
public final class ApiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes part of a document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private ApiJson() {
    }

    /** A whole document. */
    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"status":"success","data":<body>}}. */
    public static byte[] data(Body body) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeFieldName("data");
            body.write(g);
            g.writeEndObject();
        });
    }

    /** {@code data} as an array of strings (label names, label values). */
    public static byte[] strings(Collection<String> values) {
        return data(g -> {
            g.writeStartArray();
            for (String s : values) {
                g.writeString(s);
            }
            g.writeEndArray();
        });
    }

    /** {@code data} as an array of label sets (series). */
    public static byte[] labelSets(Collection<Labels> sets) {
        return data(g -> {
            g.writeStartArray();
            for (Labels l : sets) {
                labels(g, l);
            }
            g.writeEndArray();
        });
    }

    /** A label set as a JSON object, in the set's order. */
    public static void labels(JsonGenerator g, Labels l) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < l.size(); i++) {
            g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
    }

    /**
     * {@code [seconds, "value"]}: {@code time} counts units of 10<sup>-scale</sup> s (3 for
     * milliseconds, 9 for nanoseconds), written as a decimal number without trailing zeros.
     */
    public static void point(JsonGenerator g, long time, int scale, String value) throws IOException {
        g.writeStartArray();
        g.writeNumber(decimal(time, scale));
        g.writeString(value);
        g.writeEndArray();
    }

    /**
     * {@code unscaled / 10^scale} in plain digits without trailing zeros ({@code 1796698350500, 3}
     * is "1796698350.5"), as Prometheus writes times; on the characters, as every point has one.
     */
    public static String decimal(long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE || scale < 0 || scale > 18) {
            return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        long abs = Math.abs(unscaled);
        long whole = abs / pow;
        long frac = abs % pow;
        String w = (unscaled < 0 ? "-" : "") + whole;
        if (frac == 0) {
            return w;
        }
        int digits = scale;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        String f = Long.toString(frac);
        StringBuilder b = new StringBuilder(w.length() + 1 + digits).append(w).append('.');
        for (int i = f.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(f).toString();
    }
}
