package dev.vigil.metrics.fanout;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.eval.QueryExecutionException;
import dev.vigil.promql.eval.QueryTimeoutException;

import dev.vigil.metrics.store.LocalTsdbs;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.UnaryOperator;

/**
 * The internal API peers call during a fan-out ({@link InternalApi}): raw series, label names and
 * label values of this instance's partitions. Not part of the Prometheus API.
 */
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_OCTET_STREAM)
@Produces(MediaType.APPLICATION_OCTET_STREAM)
public class InternalResource {
    private final InternalApi api;

    public InternalResource(LocalTsdbs local, MetricsConfig config) {
        MetricsConfig.Query q = config.query();
        this.api = new InternalApi(local, EngineOptions.defaults().withMaxSamples(q.maxSamples()).withTimeout(q.timeout()));
    }

    @POST
    @Path("/evaluate")
    public Response evaluate(byte[] body) {
        try {
            return answer(body, api::evaluate);
        } catch (QueryExecutionException e) {
            // the query's own limit or error (samples, duplicate series): the asking instance reports it as its own
            return Response.status(422).type(MediaType.TEXT_PLAIN).entity(e.getMessage() + "\n").build();
        } catch (QueryTimeoutException e) {
            return Response.status(503).type(MediaType.TEXT_PLAIN).entity(TIMEOUT + e.getMessage() + "\n").build();
        }
    }

    /** Marks a 503 that is the query's timeout, not an unavailable instance. */
    static final String TIMEOUT = "timeout: ";

    @POST
    @Path("/select")
    public Response select(byte[] body) {
        return answer(body, api::select);
    }

    @POST
    @Path("/labels")
    public Response labelNames(byte[] body) {
        return answer(body, api::labelNames);
    }

    @POST
    @Path("/label-values")
    public Response labelValues(byte[] body) {
        return answer(body, api::labelValues);
    }

    private static Response answer(byte[] body, UnaryOperator<byte[]> op) {
        try {
            return Response.ok(op.apply(body)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage() + "\n").build();
        }
    }
}
