package dev.vigil.logs.rest;

import dev.vigil.logql.LogqlException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps failures to Loki's error JSON: 400 for what the client sent, as Loki does. */
public class LokiErrorMapper {

    @ServerExceptionMapper
    public Response lokiError(LokiError e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response logql(LogqlException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return error(400, e.getMessage());
    }

    static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("status", "error");
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
