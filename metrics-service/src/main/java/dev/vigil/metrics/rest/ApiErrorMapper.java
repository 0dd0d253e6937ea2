package dev.vigil.metrics.rest;

import dev.vigil.metrics.fanout.PeerUnavailableException;
import dev.vigil.promql.eval.QueryExecutionException;
import dev.vigil.promql.eval.QueryTimeoutException;
import dev.vigil.promql.parser.ParseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps query failures to Prometheus's error JSON and status codes (400, 422, 503). */
public class ApiErrorMapper {
    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class);

    @ServerExceptionMapper
    public Response apiError(ApiError e) {
        return error(e.status(), e.errorType(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response parse(ParseException e) {
        return error(400, "bad_data", "invalid parameter \"query\": " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return error(400, "bad_data", e.getMessage());
    }

    @ServerExceptionMapper
    public Response execution(QueryExecutionException e) {
        return error(422, "execution", e.getMessage());
    }

    @ServerExceptionMapper
    public Response timeout(QueryTimeoutException e) {
        return error(503, "timeout", e.getMessage());
    }

    @ServerExceptionMapper
    public Response peerUnavailable(PeerUnavailableException e) {
        return error(503, "unavailable", e.getMessage());
    }

    /**
     * A query too deep for the thread's stack despite the parser's nesting limit: the query's
     * fault, answered as an execution error, and the thread lives on.
     */
    @ServerExceptionMapper
    public Response stackOverflow(StackOverflowError e) {
        return error(422, "execution", "query too complex: evaluating it exhausted the thread's stack");
    }

    /** Responses chosen by the resource (404, 405, ...) are kept as they are. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return e.getResponse();
    }

    /** Anything else is a bug: still answered in Prometheus' error shape, and logged with its stack. */
    @ServerExceptionMapper
    public Response internal(RuntimeException e) {
        LOG.error("internal error answering a request", e);
        return error(500, "internal", String.valueOf(e.getMessage()));
    }

    static Response error(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", type);
        body.put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
