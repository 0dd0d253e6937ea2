package dev.vigil.alert.rest;

import dev.vigil.alert.rules.AlertInstance;
import dev.vigil.alert.rules.AlertState;
import dev.vigil.alert.rules.AlertingRule;
import dev.vigil.alert.rules.RuleDefinition;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.alert.service.AlertingService;
import dev.vigil.auth.RequestTenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prometheus's {@code /api/v1/rules} and {@code /api/v1/alerts}, which Grafana's alerting view reads. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PrometheusRulesResource {
    private final AlertingService alerting;
    private final RequestTenant tenant;

    public PrometheusRulesResource(AlertingService alerting, RequestTenant tenant) {
        this.alerting = alerting;
        this.tenant = tenant;
    }

    /**
     * The rule groups of this request's tenant; {@code rule_language} ({@code promql} or
     * {@code logql}) keeps only the groups of that language, as the Prometheus URL (metrics-service)
     * and the Loki URL's ruler API (logs-service) each answer their own.
     */
    private List<RuleGroup> groups(String ruleLanguage) {
        String t = tenant.get();
        boolean logqlOnly = "logql".equals(ruleLanguage);
        boolean promqlOnly = "promql".equals(ruleLanguage);
        return alerting.groups().stream().filter(g -> g.tenant().equals(t))
                .filter(g -> !(logqlOnly && !alerting.isLogql(g)) && !(promqlOnly && alerting.isLogql(g))).toList();
    }

    @GET
    @Path("/rules")
    public Map<String, Object> rules(@QueryParam("rule_language") String ruleLanguage) {
        Map<String, String> errors = alerting.lastErrors();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (RuleGroup g : groups(ruleLanguage)) {
            List<Map<String, Object>> rules = new ArrayList<>();
            for (AlertingRule r : g.alertingRules()) {
                RuleDefinition.Alerting d = r.definition();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("state", r.state().apiName());
                m.put("name", d.name());
                m.put("query", d.expr());
                m.put("duration", d.holdDuration().toSeconds());
                m.put("keepFiringFor", d.keepFiringFor().toSeconds());
                m.put("labels", d.labels());
                m.put("annotations", d.annotations());
                m.put("alerts", r.alerts().stream().filter(a -> a.state() != AlertState.INACTIVE).map(PrometheusRulesResource::alert).toList());
                String err = errors.get(g.key() + "/" + d.name());
                m.put("health", err == null ? "ok" : "err");
                if (err != null) {
                    m.put("lastError", err);
                }
                m.put("type", "alerting");
                rules.add(m);
            }
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("name", g.name());
            gm.put("file", "");
            gm.put("rules", rules);
            gm.put("interval", g.interval().toSeconds());
            groups.add(gm);
        }
        return Map.of("status", "success", "data", Map.of("groups", groups));
    }

    @GET
    @Path("/alerts")
    public Map<String, Object> alerts(@QueryParam("rule_language") String ruleLanguage) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleGroup g : groups(ruleLanguage)) {
            for (AlertingRule r : g.alertingRules()) {
                for (AlertInstance a : r.alerts()) {
                    if (a.state() != AlertState.INACTIVE) {
                        out.add(alert(a));
                    }
                }
            }
        }
        return Map.of("status", "success", "data", Map.of("alerts", out));
    }

    private static Map<String, Object> alert(AlertInstance a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", a.labels().toMap());
        m.put("annotations", a.annotations());
        m.put("state", a.state().apiName());
        m.put("activeAt", a.activeAt().toString());
        m.put("value", Double.toString(a.value()));
        return m;
    }
}
