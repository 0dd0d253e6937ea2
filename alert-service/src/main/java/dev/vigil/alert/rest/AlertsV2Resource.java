package dev.vigil.alert.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.alert.notify.RoutingEngine;
import dev.vigil.alert.routing.AggregationGroup;
import dev.vigil.alert.routing.Alert;
import dev.vigil.alert.routing.Route;
import dev.vigil.alert.service.AlertingService;
import dev.vigil.auth.RequestTenant;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.regex.GoRegexp;
import dev.vigil.model.regex.RegexSyntaxException;
import dev.vigil.model.tenant.Tenants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Alertmanager's v2 alerts API: {@code POST /api/v2/alerts} takes alerts as Prometheus sends
 * them (so a real Prometheus can use Vigil as its Alertmanager), {@code GET} lists them.
 */
@Path("/api/v2/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsV2Resource {
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private final AlertingService alerting;
    private final RequestTenant tenant;

    public AlertsV2Resource(AlertingService alerting, RequestTenant tenant) {
        this.alerting = alerting;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(JsonNode body) {
        if (body == null || !body.isArray()) {
            return error("body must be a JSON array of alerts");
        }
        List<Runnable> accepted = new ArrayList<>();
        RoutingEngine engine = alerting.engine();
        String owner = tenant.get();
        for (JsonNode a : body) {
            Map<String, String> labels = strings(a.path("labels"));
            if (labels.isEmpty()) {
                return error("alert has no labels");
            }
            Optional<Instant> startsAt;
            Optional<Instant> endsAt;
            try {
                startsAt = time(a.path("startsAt"));
                endsAt = time(a.path("endsAt"));
            } catch (RuntimeException e) {
                return error("invalid time: " + e.getMessage());
            }
            if (startsAt.isPresent() && endsAt.isPresent() && endsAt.get().isBefore(startsAt.get())) {
                return error("start time must be before end time");
            }
            Map<String, String> annotations = strings(a.path("annotations"));
            // As Alertmanager's Alert.Validate: names must be Prometheus label names
            for (String name : labels.keySet()) {
                if (name.equals(Tenants.LABEL)) {
                    return error("invalid label set: " + Tenants.LABEL + " is reserved, the tenant is the one " + Tenants.HEADER + " names");
                }
                if (!MatcherParser.isValidLabelName(name)) {
                    return error("invalid label set: invalid name \"" + name + "\"");
                }
            }
            for (String name : annotations.keySet()) {
                if (!MatcherParser.isValidLabelName(name)) {
                    return error("invalid annotations: invalid name \"" + name + "\"");
                }
            }
            String generator = a.path("generatorURL").asText("");
            accepted.add(() -> engine.receive(Tenants.stamp(Labels.from(labels), owner), annotations, startsAt, endsAt, generator));
        }
        accepted.forEach(Runnable::run);
        return Response.ok().build();
    }

    @GET
    public List<Map<String, Object>> list(@QueryParam("active") @DefaultValue("true") boolean active,
                                          @QueryParam("silenced") @DefaultValue("true") boolean silenced,
                                          @QueryParam("inhibited") @DefaultValue("true") boolean inhibited,
                                          @QueryParam("receiver") String receiver,
                                          @QueryParam("filter") List<String> filter) {
        RoutingEngine engine = alerting.engine();
        List<LabelMatcher> matchers = Filters.parse(filter);
        GoRegexp receiverRe;
        try {
            receiverRe = receiver == null || receiver.isEmpty() ? null : GoRegexp.anchored(receiver);
        } catch (RegexSyntaxException e) {
            throw Filters.badRequest("failed to parse receiver param: " + e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Instant now = Instant.now();
        String owner = tenant.get();
        for (Alert a : engine.dispatcher().alerts()) {
            if (!Tenants.owner(a.labels()).equals(owner) || a.resolvedAt(now) || !matchers.stream().allMatch(m -> m.matches(a.labels().get(m.name())))) {
                continue;
            }
            List<String> receivers = engine.dispatcher().root().match(a.labels()).stream().map(Route::receiver).distinct().toList();
            if (receiverRe != null && receivers.stream().noneMatch(r -> receiverRe.matches(r))) {
                continue;
            }
            List<String> silencedBy = engine.silencedBy(a.labels());
            Optional<Long> inhibitedBy = engine.inhibitedBy(a.labels());
            boolean isActive = silencedBy.isEmpty() && inhibitedBy.isEmpty();
            if ((isActive && !active) || (!silencedBy.isEmpty() && !silenced) || (inhibitedBy.isPresent() && !inhibited)) {
                continue;
            }
            out.add(json(a, receivers, silencedBy, inhibitedBy));
        }
        return out;
    }

    /** {@code GET /api/v2/alerts/groups}: the aggregation groups with their receiver and alerts. */
    @GET
    @Path("/groups")
    public List<Map<String, Object>> groups() {
        RoutingEngine engine = alerting.engine();
        Instant now = Instant.now();
        String owner = tenant.get();
        List<Map<String, Object>> out = new ArrayList<>();
        for (AggregationGroup g : engine.dispatcher().groups()) {
            List<Map<String, Object>> alerts = new ArrayList<>();
            for (Alert a : g.alerts()) {
                if (!a.resolvedAt(now) && Tenants.owner(a.labels()).equals(owner)) {
                    alerts.add(json(a, List.of(g.route().receiver()), engine.silencedBy(a.labels()), engine.inhibitedBy(a.labels())));
                }
            }
            if (alerts.isEmpty()) {
                continue; // another tenant's group (a group never mixes tenants: the tenant label groups too)
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alerts", alerts);
            m.put("labels", Tenants.strip(g.labels()).toMap());
            m.put("receiver", Map.of("name", g.route().receiver()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> json(Alert a, List<String> receivers, List<String> silencedBy, Optional<Long> inhibitedBy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("annotations", a.annotations());
        m.put("endsAt", a.endsAt().toString());
        m.put("fingerprint", String.format("%016x", a.fingerprint()));
        m.put("receivers", receivers.stream().map(r -> Map.of("name", r)).toList());
        m.put("startsAt", a.startsAt().toString());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("inhibitedBy", inhibitedBy.map(f -> List.of(String.format("%016x", f))).orElse(List.of()));
        status.put("silencedBy", silencedBy);
        status.put("state", !silencedBy.isEmpty() || inhibitedBy.isPresent() ? "suppressed" : "active");
        m.put("status", status);
        m.put("updatedAt", a.updatedAt().toString());
        m.put("generatorURL", a.generatorUrl());
        m.put("labels", Tenants.strip(a.labels()).toMap());
        return m;
    }

    private static Optional<Instant> time(JsonNode n) {
        if (n.isMissingNode() || n.isNull() || n.asText().isEmpty()) {
            return Optional.empty();
        }
        Instant t = OffsetDateTime.parse(n.asText()).toInstant();
        // Go clients (amtool alert add) send the zero time.Time, 0001-01-01T00:00:00Z, for "not set".
        return t.isAfter(GO_ZERO_TIME) ? Optional.of(t) : Optional.empty();
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> m = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static Response error(String message) {
        // Alertmanager answers a bad alert batch with 400 and the reason as a JSON string.
        return Filters.badRequest(message).getResponse();
    }
}
