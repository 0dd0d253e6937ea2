package dev.vigil.metrics.rest;

import dev.vigil.model.GoFloat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.model.Labels;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.Sample;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * Writes Prometheus API JSON exactly as Prometheus does: times as float seconds, values as
 * strings in Go's shortest 'f' format ("NaN", "+Inf", "-Inf" for the specials).
 */
final class PromJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private PromJson() {
    }

    static byte[] queryResult(Value v) {
        return write(g -> {
            g.writeStringField("resultType", v.resultType());
            g.writeFieldName("result");
            if (v instanceof Scalar s) {
                point(g, s.timestampMs(), GoFloat.format(s.value()));
            } else if (v instanceof StringValue s) {
                point(g, s.timestampMs(), s.value());
            } else if (v instanceof Vector vec) {
                g.writeStartArray();
                for (Sample s : vec.samples()) {
                    g.writeStartObject();
                    metric(g, s.labels());
                    g.writeFieldName("value");
                    point(g, s.timestampMs(), GoFloat.format(s.value()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else if (v instanceof Matrix m) {
                g.writeStartArray();
                for (TimeSeries ts : m.series()) {
                    g.writeStartObject();
                    metric(g, ts.labels());
                    g.writeFieldName("values");
                    g.writeStartArray();
                    for (Point p : ts.points()) {
                        point(g, p.timestampMs(), GoFloat.format(p.value()));
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        });
    }

    static byte[] strings(Collection<String> values) {
        return data(g -> {
            g.writeStartArray();
            for (String s : values) {
                g.writeString(s);
            }
            g.writeEndArray();
        });
    }

    static byte[] labelSets(Collection<Labels> sets) {
        return data(g -> {
            g.writeStartArray();
            for (Labels l : sets) {
                labels(g, l);
            }
            g.writeEndArray();
        });
    }

    /** {@code {"status":"success","data":<body>}}. */
    static byte[] data(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeFieldName("data");
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] write(Body inner) {
        return data(g -> {
            g.writeStartObject();
            inner.write(g);
            g.writeEndObject();
        });
    }

    private static void metric(JsonGenerator g, Labels l) throws IOException {
        g.writeFieldName("metric");
        labels(g, l);
    }

    private static void labels(JsonGenerator g, Labels l) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < l.size(); i++) {
            g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
    }

    private static void point(JsonGenerator g, long tMs, String value) throws IOException {
        g.writeStartArray();
        g.writeNumber(BigDecimal.valueOf(tMs, 3).stripTrailingZeros().toPlainString());
        g.writeString(value);
        g.writeEndArray();
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
