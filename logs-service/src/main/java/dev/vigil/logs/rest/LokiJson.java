package dev.vigil.logs.rest;

import dev.vigil.model.GoFloat;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.Point;
import dev.vigil.logql.Sample;
import dev.vigil.logql.Series;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import dev.vigil.model.json.ApiJson;

import java.io.IOException;
import java.util.List;

/**
 * Writes Loki API JSON exactly as Loki does: stream entries as {@code ["<unix ns>", "line"]}
 * (plus a metadata object when the entry has structured metadata), metric points as
 * {@code [<unix seconds>, "value"]}, and the {@code stats} object Grafana reads.
 */
final class LokiJson {
    private LokiJson() {
    }

    static byte[] logs(LogResult r, QueryStats stats) {
        return query("streams", stats, g -> streams(g, r.streams()));
    }

    /** A live-tail message: {@code {"streams":[…],"dropped_entries":null}}, entries as a log query writes them. */
    static byte[] tail(List<StreamResult> streams) {
        return ApiJson.write(g -> {
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

    private static byte[] query(String resultType, QueryStats stats, ApiJson.Body result) {
        return ApiJson.data(g -> {
            g.writeStartObject();
            g.writeStringField("resultType", resultType);
            g.writeFieldName("result");
            result.write(g);
            g.writeFieldName("stats");
            stats.write(g);
            g.writeEndObject();
        });
    }

    private static void labels(JsonGenerator g, Labels l) throws IOException {
        ApiJson.labels(g, l);
    }

    private static void point(JsonGenerator g, long tNanos, double v) throws IOException {
        ApiJson.point(g, tNanos, 9, GoFloat.format(v));
    }
}
