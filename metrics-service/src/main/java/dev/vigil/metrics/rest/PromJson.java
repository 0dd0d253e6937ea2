package dev.vigil.metrics.rest;

import dev.vigil.metrics.query.QueryStats;
import dev.vigil.model.GoFloat;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.model.Labels;
import dev.vigil.model.json.ApiJson;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.Sample;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;

import java.io.IOException;

/**
 * Writes Prometheus API JSON exactly as Prometheus does: times as float seconds, values as
 * strings in Go's shortest 'f' format ("NaN", "+Inf", "-Inf" for the specials).
 */
final class PromJson {
    private PromJson() {
    }

    static byte[] queryResult(Value v) {
        return write(g -> result(g, v));
    }

    /**
     * The result with Prometheus' {@code stats} object: timings in seconds, and samples read
     * ({@code totalQueryableSamples}, with Vigil's {@code rollupSamples} beside it).
     */
    static byte[] queryResult(Value v, QueryStats stats, long evalNanos) {
        return write(g -> {
            result(g, v);
            g.writeObjectFieldStart("stats");
            g.writeObjectFieldStart("timings");
            g.writeNumberField("evalTotalTime", evalNanos / 1e9);
            g.writeNumberField("execTotalTime", evalNanos / 1e9);
            g.writeEndObject();
            g.writeObjectFieldStart("samples");
            g.writeNumberField("totalQueryableSamples", stats.totalQueryableSamples());
            g.writeNumberField("rollupSamples", stats.rollupSamples());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void result(JsonGenerator g, Value v) throws IOException {
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
    }

    private static byte[] write(ApiJson.Body inner) {
        return ApiJson.data(g -> {
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
        ApiJson.labels(g, l);
    }

    private static void point(JsonGenerator g, long tMs, String value) throws IOException {
        ApiJson.point(g, tMs, 3, value);
    }
}
