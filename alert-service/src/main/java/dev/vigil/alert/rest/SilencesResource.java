package dev.vigil.alert.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.service.AlertingService;
import dev.vigil.alert.silence.Silence;
import dev.vigil.alert.silence.SilenceException;
import dev.vigil.auth.RequestTenant;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import dev.vigil.model.tenant.Tenants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alertmanager v2 silences: list, create or update, get, expire — what {@code amtool silence} uses. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {
    private final AlertingService alerting;
    private final RequestTenant tenant;

    public SilencesResource(AlertingService alerting, RequestTenant tenant) {
        this.alerting = alerting;
        this.tenant = tenant;
    }

    /**
     * The tenant a silence belongs to: the one its {@code __tenant__} matcher names (creating a
     * silence adds it, so it silences only that tenant's alerts); the default tenant's without one.
     */
    static String owner(Silence s) {
        return s.matchers().stream().filter(m -> m.name().equals(Tenants.LABEL) && m.type() == MatchType.EQUAL)
                .map(m -> m.value().isEmpty() ? Tenants.DEFAULT : m.value()).findFirst().orElse(Tenants.DEFAULT);
    }

    /** The silence with this id if it is this request's tenant's; another tenant's is as unknown. */
    private Optional<Silence> own(String id) {
        String t = tenant.get();
        return alerting.silences().get(id).filter(s -> owner(s).equals(t));
    }

    @GET
    @Path("/silences")
    public List<Map<String, Object>> list(@QueryParam("filter") List<String> filter) {
        List<LabelMatcher> matchers = Filters.parse(filter);
        Instant now = Instant.now();
        List<Map<String, Object>> out = new ArrayList<>();
        String t = tenant.get();
        for (Silence s : alerting.silences().all()) {
            if (owner(s).equals(t) && matchers.stream().allMatch(m -> s.matchers().stream().anyMatch(sm -> sm.equals(m)))) {
                out.add(json(s, now));
            }
        }
        return out;
    }

    @POST
    @Path("/silences")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(JsonNode body) {
        try {
            List<LabelMatcher> matchers = new ArrayList<>();
            for (JsonNode m : body.path("matchers")) {
                boolean regex = m.path("isRegex").asBoolean(false);
                boolean equal = m.path("isEqual").asBoolean(true);
                MatchType t = regex ? (equal ? MatchType.REGEX : MatchType.NOT_REGEX) : (equal ? MatchType.EQUAL : MatchType.NOT_EQUAL);
                if (m.path("name").asText().equals(Tenants.LABEL)) {
                    throw new IllegalArgumentException(Tenants.LABEL + " is reserved: a silence is for the tenant " + Tenants.HEADER + " names");
                }
                matchers.add(new LabelMatcher(t, m.path("name").asText(), m.path("value").asText()));
            }
            String id = body.path("id").asText("");
            if (!id.isEmpty() && alerting.silences().get(id).isPresent() && own(id).isEmpty()) {
                throw new SilenceException("silence " + id + " not found", true);
            }
            matchers.add(Tenants.matcher(tenant.get()));
            Instant now = Instant.now();
            Silence s = new Silence(id, matchers,
                    OffsetDateTime.parse(body.path("startsAt").asText()).toInstant(),
                    OffsetDateTime.parse(body.path("endsAt").asText()).toInstant(), now,
                    body.path("createdBy").asText(""), body.path("comment").asText(""));
            Silence stored = alerting.silences().set(s);
            alerting.silenceChanged(stored);
            return Response.ok(Map.of("silenceID", stored.id())).build();
        } catch (SilenceException e) {
            return Response.status(e.notFound() ? 404 : 400).type(MediaType.APPLICATION_JSON)
                    .entity("\"" + e.getMessage().replace("\"", "'") + "\"").build();
        } catch (RuntimeException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity("\"invalid silence: " + String.valueOf(e.getMessage()).replace("\"", "'") + "\"").build();
        }
    }

    @GET
    @Path("/silence/{id}")
    public Response get(@PathParam("id") String id) {
        return own(id).map(s -> Response.ok(json(s, Instant.now())).build())
                .orElse(Response.status(404).build());
    }

    @DELETE
    @Path("/silence/{id}")
    public Response expire(@PathParam("id") String id) {
        try {
            if (own(id).isEmpty()) {
                throw new SilenceException("silence " + id + " not found", true);
            }
            Silence s = alerting.silences().expire(id);
            alerting.silenceChanged(s);
            return Response.ok().build();
        } catch (SilenceException e) {
            return Response.status(e.notFound() ? 404 : 500).type(MediaType.APPLICATION_JSON)
                    .entity("\"" + e.getMessage().replace("\"", "'") + "\"").build();
        }
    }

    static Map<String, Object> json(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", Map.of("state", s.state(now).apiName()));
        m.put("updatedAt", s.updatedAt().toString());
        m.put("comment", s.comment());
        m.put("createdBy", s.createdBy());
        m.put("endsAt", s.endsAt().toString());
        List<Map<String, Object>> ms = new ArrayList<>();
        for (LabelMatcher lm : s.matchers()) {
            if (lm.name().equals(Tenants.LABEL)) {
                continue; // the tenant's own, added when it was created
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("isEqual", lm.type() == MatchType.EQUAL || lm.type() == MatchType.REGEX);
            j.put("isRegex", lm.type() == MatchType.REGEX || lm.type() == MatchType.NOT_REGEX);
            j.put("name", lm.name());
            j.put("value", lm.value());
            ms.add(j);
        }
        m.put("matchers", ms);
        m.put("startsAt", s.startsAt().toString());
        return m;
    }
}
