package dev.vigil.metrics.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.ingest.RemoteWriteDecoder;
import dev.vigil.metrics.query.QueryStorage;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Query;
import dev.vigil.model.wire.prometheus.QueryResult;
import dev.vigil.model.wire.prometheus.ReadRequest;
import dev.vigil.model.wire.prometheus.ReadResponse;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus remote read ({@code POST /api/v1/read}): a Prometheus with {@code remote_read}
 * pointing here queries Vigil's series as its own. Answers the SAMPLES response type, the one
 * Prometheus' remote-read client asks for; a request that accepts only streamed chunks is refused
 * with 400. At most {@code vigil.metrics.query.max-samples} samples per request, as Prometheus'
 * {@code --storage.remote.read-sample-limit}; more is a 400, not a partial answer.
 */
@Path("/api/v1/read")
public class RemoteReadResource {
    private final QueryStorage all;
    private final MetricsConfig config;
    private final RequestTenant tenant;

    public RemoteReadResource(QueryStorage all, MetricsConfig config, RequestTenant tenant) {
        this.all = all;
        this.config = config;
        this.tenant = tenant;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response read(byte[] body) {
        if (body == null || body.length == 0) {
            return plain(400, "empty remote-read body");
        }
        ReadRequest request;
        try {
            // the same snappy block and decompressed-size limit as remote write
            request = ReadRequest.parseFrom(RemoteWriteDecoder.uncompress(body, config.remoteWrite().maxDecompressedBytes()));
        } catch (RemoteWriteDecoder.BadPayloadException e) {
            return plain(400, e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return plain(400, "body is not a prometheus.ReadRequest: " + e.getMessage());
        }
        if (!request.getAcceptedResponseTypesList().isEmpty()
                && !request.getAcceptedResponseTypesList().contains(ReadRequest.ResponseType.SAMPLES)) {
            return plain(400, "none of the accepted response types " + request.getAcceptedResponseTypesList()
                    + " is supported; this server answers SAMPLES");
        }
        TenantStorage storage = new TenantStorage(all, tenant.get());
        long budget = config.query().maxSamples();
        ReadResponse.Builder response = ReadResponse.newBuilder();
        for (Query q : request.getQueriesList()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            for (dev.vigil.model.wire.prometheus.LabelMatcher m : q.getMatchersList()) {
                try {
                    matchers.add(new LabelMatcher(type(m.getType()), m.getName(), m.getValue()));
                } catch (RuntimeException e) {
                    return plain(400, "invalid matcher " + m.getName() + " " + m.getType() + " \"" + m.getValue() + "\": " + e.getMessage());
                }
            }
            QueryResult.Builder result = QueryResult.newBuilder();
            for (Series s : storage.select(q.getStartTimestampMs(), q.getEndTimestampMs(), matchers)) {
                TimeSeries.Builder ts = TimeSeries.newBuilder();
                Labels labels = s.labels();
                for (int i = 0; i < labels.size(); i++) {
                    ts.addLabels(Label.newBuilder().setName(labels.name(i)).setValue(labels.value(i)));
                }
                SampleCursor c = s.cursor();
                while (c.next()) {
                    if (c.timestamp() < q.getStartTimestampMs() || c.timestamp() > q.getEndTimestampMs()) {
                        continue;
                    }
                    if (--budget < 0) {
                        return plain(400, "exceeded sample limit (" + config.query().maxSamples() + ", vigil.metrics.query.max-samples)");
                    }
                    ts.addSamples(Sample.newBuilder().setTimestamp(c.timestamp()).setValue(c.value()));
                }
                if (ts.getSamplesCount() > 0) {
                    result.addTimeseries(ts);
                }
            }
            response.addResults(result);
        }
        try {
            return Response.ok(Snappy.compress(response.build().toByteArray()), "application/x-protobuf")
                    .header("Content-Encoding", "snappy").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MatchType type(dev.vigil.model.wire.prometheus.LabelMatcher.Type t) {
        return switch (t) {
            case EQ -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case RE -> MatchType.REGEX;
            case NRE -> MatchType.NOT_REGEX;
            default -> throw new IllegalArgumentException("unknown matcher type " + t);
        };
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
