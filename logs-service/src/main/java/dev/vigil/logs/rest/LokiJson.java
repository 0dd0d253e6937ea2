package dev.vigil.logs.rest;

import dev.vigil.model.GoFloat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.Point;
import dev.vigil.logql.Sample;
import dev.vigil.logql.Series;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * Writes Loki API JSON exactly as Loki does: stream entries as {@code ["<unix ns>", "line"]}
 * (plus a metadata object when the entry has structured metadata), metric points as
 * {@code [<unix seconds>, "value"]}, and the {@code stats} object Grafana reads.
 */
final class LokiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LokiJson() {
    }

    static byte[] logs(LogResult r, QueryStats stats) {
        return query("streams", stats, g -> streams(g, r.streams()));
    }

    /** A live-tail message: {@code {"streams":[…],"dropped_entries":null}}, entries as a log query writes them. */
    static byte[] tail(List<StreamResult> streams) {
        return write(g -> {
            g.writeStartObject();
            g.writeFieldName("streams");
            streams(g, streams);
            g.writeNullField("dropped_entries");
            g.writeEndObject();
        });
    }

    private static void streams(JsonGenerator g, List<StreamResult> streams) throws IOException {
        g.writeStartArray();
        for (StreamResult s : streams) {
            g.writeStartObject();
            g.writeFieldName("stream");
            labels(g, s.labels());
            g.writeFieldName("values");
            g.writeStartArray();
            for (LogEntry e : s.entries()) {
                g.writeStartArray();
                g.writeString(Long.toString(e.timestampNanos()));
                g.writeString(e.line());
                if (!e.structuredMetadata().isEmpty()) {
                    labels(g, e.structuredMetadata());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static byte[] metric(MetricResult r, QueryStats stats) {
        return query(r.resultType(), stats, g -> {
            if (r instanceof MetricResult.Scalar s) {
                point(g, s.timestampNanos(), s.value());
            } else if (r instanceof MetricResult.Vector v) {
                g.writeStartArray();
                for (Sample s : v.samples()) {
                    g.writeStartObject();
                    g.writeFieldName("metric");
                    labels(g, s.labels());
                    g.writeFieldName("value");
                    point(g, s.timestampNanos(), s.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else if (r instanceof MetricResult.Matrix m) {
                g.writeStartArray();
                for (Series s : m.series()) {
                    g.writeStartObject();
                    g.writeFieldName("metric");
                    labels(g, s.labels());
                    g.writeFieldName("values");
                    g.writeStartArray();
                    for (Point p : s.points()) {
                        point(g, p.timestampNanos(), p.value());
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

    static byte[] data(Body body) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeFieldName("data");
            body.write(g);
            g.writeEndObject();
        });
    }

    private static byte[] query(String resultType, QueryStats stats, Body result) {
        return data(g -> {
            g.writeStartObject();
            g.writeStringField("resultType", resultType);
            g.writeFieldName("result");
            result.write(g);
            g.writeFieldName("stats");
            stats.write(g);
            g.writeEndObject();
        });
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void labels(JsonGenerator g, Labels l) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < l.size(); i++) {
            g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
    }

    private static void point(JsonGenerator g, long tNanos, double v) throws IOException {
        g.writeStartArray();
        g.writeNumber(BigDecimal.valueOf(tNanos, 9).stripTrailingZeros().toPlainString());
        g.writeString(GoFloat.format(v));
        g.writeEndArray();
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
