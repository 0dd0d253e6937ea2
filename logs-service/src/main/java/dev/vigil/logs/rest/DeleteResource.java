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
 * ?request_id=} cancels one within the cancel period. Lines a request selects are left out of
 * every query from the moment it is accepted (Loki's filtering of pending deletes); the stores
 * drop them with the rest of their data at retention. A request past its cancel period is final
 * and listed as processed. The answers are Loki's: 204, and the list as Loki writes it.
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
        requireLoaded(topic);
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
        long startMs = lokiTime("start", start);
        long endMs = end == null || end.isEmpty() ? nowMs : lokiTime("end", end);
        if (endMs > nowMs) {
            throw LokiError.badRequest("deletes in the future are not allowed");
        }
        if (startMs > endMs) {
            throw LokiError.badRequest("start time can't be greater than end time");
        }
        if (maxInterval != null && !maxInterval.isEmpty()) {
            long intervalMs = LokiParams.durationNanos("max_interval", maxInterval) / 1_000_000L;
            if (intervalMs < 1_000) {
                throw LokiError.badRequest("invalid max_interval: valid time units are 's', 'm', 'h'");
            }
            if (intervalMs > endMs - startMs) {
                throw LokiError.badRequest("max_interval can't be greater than the interval to be deleted (" + (endMs - startMs) / 1000 + "s)");
            }
        }
        String owner = tenant.get();
        if (topic.requests().list(owner).size() >= config.delete().maxRequests()) {
            throw LokiError.badRequest("too many deletion requests: the tenant holds " + config.delete().maxRequests()
                    + " (vigil.logs.delete.max-requests)");
        }
        String id;
        do {
            byte[] bytes = new byte[4];
            RANDOM.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        } while (topic.requests().get(owner, id).isPresent()); // as Loki: a new id never replaces a request
        DeleteRequest r = new DeleteRequest(owner, id, query, startMs, endMs, nowMs);
        write(() -> topic.write(r));
        return Response.noContent().build();
    }

    /**
     * Loki's deletion times: Unix seconds (a fraction allowed) or RFC 3339, in milliseconds. An
     * integer of more than ten digits is refused, not read as milliseconds or nanoseconds: a
     * deletion whose start fell to 1970 would take a stream's whole history.
     */
    static long lokiTime(String name, String value) {
        String digits = value.startsWith("-") ? value.substring(1) : value;
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point);
        if (!whole.isEmpty() && whole.chars().allMatch(Character::isDigit) && whole.length() <= 10) {
            try {
                return new java.math.BigDecimal(value).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                // not a number after all: RFC 3339 below
            }
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw LokiError.badRequest("invalid " + name + " time: require unix seconds or RFC3339 format");
        }
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
        requireLoaded(topic);
        long cancelUntil = System.currentTimeMillis() - config.delete().cancelPeriod().toMillis();
        ArrayNode a = JSON.createArrayNode();
        for (DeleteRequest r : topic.requests().list(tenant.get())) {
            a.addObject().put("request_id", r.requestId())
                    .putRawValue("start_time", new RawValue(seconds(r.startMs())))
                    .putRawValue("end_time", new RawValue(seconds(r.endMs())))
                    .put("query", r.query())
                    // past its cancel period a request is final: its lines are never answered again
                    .put("status", r.createdAtMs() < cancelUntil ? "processed" : "received")
                    .putRawValue("created_at", new RawValue(seconds(r.createdAtMs())));
        }
        return a.toString();
    }

    @DELETE
    @Blocking
    public Response cancel(@QueryParam("request_id") String requestId, @QueryParam("force") String force) {
        requireLoaded(topic);
        if (requestId == null || requestId.isEmpty()) {
            throw LokiError.badRequest("missing request_id");
        }
        DeleteRequest r = topic.requests().get(tenant.get(), requestId)
                .orElseThrow(() -> new LokiError(404, "could not find delete request with given id"));
        // force cancels a partly processed request in Loki; nothing is processed in part here, so it changes nothing
        if (System.currentTimeMillis() > r.createdAtMs() + config.delete().cancelPeriod().toMillis()) {
            throw LokiError.badRequest("deletion of request past the deadline of " + config.delete().cancelPeriod().toSeconds()
                    + "s since its creation is not allowed");
        }
        write(() -> topic.cancel(r));
        return Response.noContent().build();
    }

    /** 503 until every deletion request filed before this instance started is known. */
    static void requireLoaded(DeleteRequestsTopic topic) {
        if (!topic.ready()) {
            throw new LokiError(503, "log deletion requests are still being read; try again shortly");
        }
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
