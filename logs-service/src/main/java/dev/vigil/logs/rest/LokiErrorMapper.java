package dev.vigil.logs.rest;

import dev.vigil.logql.LogqlException;
import dev.vigil.logs.fanout.PeerUnavailableException;
import dev.vigil.logql.storage.BudgetedSource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps failures to Loki's error JSON: 400 for what the client sent, as Loki does. */
public class LokiErrorMapper {
    private static final Logger LOG = Logger.getLogger(LokiErrorMapper.class);

    @ServerExceptionMapper
    public Response lokiError(LokiError e) {
        return error(e.status(), e.getMessage());
    }

    /** A query out of time is the service's answer, not the user's fault: 503, as Prometheus answers a timeout. */
    @ServerExceptionMapper
    public Response budget(BudgetedSource.QueryLimitException e) {
        return error(e.timedOut() ? 503 : 400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response logql(LogqlException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return error(400, e.getMessage());
    }

    /** A query too deep for the thread's stack despite the parser's nesting limit: the query's fault. */
    @ServerExceptionMapper
    public Response stackOverflow(StackOverflowError e) {
        return error(400, "query too complex: evaluating it exhausted the thread's stack");
    }

    /** Another instance did not answer: the query cannot be answered whole now; 503, which clients retry. */
    @ServerExceptionMapper
    public Response peerUnavailable(PeerUnavailableException e) {
        return error(503, e.getMessage());
    }

    /** Responses chosen by the resource (404, 405, ...) are kept as they are. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return e.getResponse();
    }

    /** Anything else is a bug: still answered in Loki's error shape, and logged with its stack. */
    @ServerExceptionMapper
    public Response internal(RuntimeException e) {
        LOG.error("internal error answering a request", e);
        return error(500, String.valueOf(e.getMessage()));
    }

    static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("status", "error");
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
