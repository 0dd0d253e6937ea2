package dev.vigil.logs.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vigil.auth.RequestTenant;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.delete.DeleteFilter;
import dev.vigil.logs.delete.DeleteRequest;
import dev.vigil.logs.delete.DeleteRequestsTopic;
import dev.vigil.model.GoFloat;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Loki's log deletion API: {@code POST} (or {@code PUT}) {@code /loki/api/v1/delete?query=&start=&end=}
 * files a request for the tenant, {@code GET} lists the tenant's requests, {@code DELETE
 * ?request_id=} cancels one within the cancel period ({@code force=true} after it). Lines a request
 * selects are left out of every query from the moment it is accepted (Loki's filtering of
 * pending deletes); the stores drop them with the rest of their data at retention. The answers
 * are Loki's: 204, and the list as Loki writes it.
 */
@Path("/loki/api/v1/delete")
public class DeleteResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeleteRequestsTopic topic;
    private final RequestTenant tenant;
    private final LogsConfig config;

    public DeleteResource(DeleteRequestsTopic topic, RequestTenant tenant, LogsConfig config) {
        this.topic = topic;
        this.tenant = tenant;
        this.config = config;
    }

    @POST
    @Blocking
    public Response create(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                           @QueryParam("max_interval") String maxInterval) {
        if (query == null || query.isEmpty()) {
            throw LokiError.badRequest("query not set");
        }
        try {
            DeleteFilter.parse(query);
        } catch (IllegalArgumentException e) {
            throw LokiError.badRequest(e.getMessage());
        }
        if (start == null || start.isEmpty()) {
            throw LokiError.badRequest("start time not set");
        }
        long nowMs = System.currentTimeMillis();
        long startMs = LokiParams.timeNanos("start", start, 0) / 1_000_000L;
        long endMs = end == null || end.isEmpty() ? nowMs : LokiParams.timeNanos("end", end, 0) / 1_000_000L;
        if (endMs > nowMs) {
            throw LokiError.badRequest("deletes in the future are not allowed");
        }
        if (startMs > endMs) {
            throw LokiError.badRequest("start time can't be greater than end time");
        }
        if (maxInterval != null && !maxInterval.isEmpty() && LokiParams.durationNanos("max_interval", maxInterval) <= 0) {
            throw LokiError.badRequest("max_interval can't be lower than 0");
        }
        String owner = tenant.get();
        if (topic.requests().list(owner).size() >= config.delete().maxRequests()) {
            throw LokiError.badRequest("too many deletion requests: the tenant holds " + config.delete().maxRequests()
                    + " (vigil.logs.delete.max-requests)");
        }
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        DeleteRequest r = new DeleteRequest(owner, HexFormat.of().formatHex(id), query, startMs, endMs, nowMs);
        write(() -> topic.write(r));
        return Response.noContent().build();
    }

    @PUT
    @Blocking
    public Response createWithPut(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                                  @QueryParam("max_interval") String maxInterval) {
        return create(query, start, end, maxInterval);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        ArrayNode a = JSON.createArrayNode();
        for (DeleteRequest r : topic.requests().list(tenant.get())) {
            a.addObject().put("request_id", r.requestId())
                    .putRawValue("start_time", new RawValue(seconds(r.startMs())))
                    .putRawValue("end_time", new RawValue(seconds(r.endMs())))
                    .put("query", r.query())
                    // filtered at query time, never rewritten in place: Loki's "filter-only" requests stay received
                    .put("status", "received")
                    .putRawValue("created_at", new RawValue(seconds(r.createdAtMs())));
        }
        return a.toString();
    }

    @DELETE
    @Blocking
    public Response cancel(@QueryParam("request_id") String requestId, @QueryParam("force") String force) {
        if (requestId == null || requestId.isEmpty()) {
            throw LokiError.badRequest("missing request_id");
        }
        DeleteRequest r = topic.requests().get(tenant.get(), requestId)
                .orElseThrow(() -> new LokiError(404, "could not find delete request with given id"));
        boolean forced = "true".equals(force);
        if (!forced && System.currentTimeMillis() > r.createdAtMs() + config.delete().cancelPeriod().toMillis()) {
            throw LokiError.badRequest("deletion of request which is in process or already processed is not allowed");
        }
        write(() -> topic.cancel(r));
        return Response.noContent().build();
    }

    private interface Write {
        void run() throws ExecutionException, TimeoutException, InterruptedException;
    }

    private static void write(Write w) {
        try {
            w.run();
        } catch (ExecutionException | TimeoutException e) {
            throw new LokiError(503, "could not write the deletion request to Kafka: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiError(503, "interrupted");
        }
    }

    /** Loki's model.Time in JSON: Unix seconds with the milliseconds as a fraction. */
    private static String seconds(long ms) {
        return GoFloat.format(ms / 1000.0);
    }
}
