package dev.vigil.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One query of a Grafana dashboard: a panel target or a template variable's query, with the data
 * source type that runs it and where it sits, for messages.
 *
 * @param where          dashboard, panel title and refId (or variable name)
 * @param datasourceType Grafana data source type ({@code prometheus}, {@code loki}, ...)
 * @param kind           what the text is: an expression, a label_values() variable query, a stream selector, a URL
 * @param text           the query as written in the dashboard, template variables unexpanded
 */
record DashboardQuery(String where, String datasourceType, Kind kind, String text) {

    /** What the text of a query is. */
    enum Kind { EXPRESSION, LABEL_VALUES, STREAM_SELECTOR, URL }

    /** Every query of a dashboard: panel targets (inside rows too) and template variable queries. */
    static List<DashboardQuery> of(String dashboardName, JsonNode dashboard) {
        List<DashboardQuery> out = new ArrayList<>();
        panels(dashboardName, dashboard.path("panels"), out);
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            String where = dashboardName + " / variable " + v.path("name").asText();
            String type = v.path("datasource").path("type").asText();
            JsonNode q = v.path("query");
            if (type.equals("loki")) {
                out.add(new DashboardQuery(where, type, Kind.STREAM_SELECTOR, q.path("stream").asText()));
            } else {
                out.add(new DashboardQuery(where, type, Kind.LABEL_VALUES, q.isTextual() ? q.asText() : q.path("query").asText()));
            }
        }
        return out;
    }

    private static void panels(String dashboardName, JsonNode panels, List<DashboardQuery> out) {
        for (JsonNode panel : panels) {
            panels(dashboardName, panel.path("panels"), out);
            for (JsonNode target : panel.path("targets")) {
                JsonNode ds = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                String type = ds.path("type").asText();
                String where = dashboardName + " / " + panel.path("title").asText() + " / " + target.path("refId").asText();
                if (type.equals("yesoreyeram-infinity-datasource")) {
                    out.add(new DashboardQuery(where, type, Kind.URL, target.path("url").asText()));
                } else {
                    out.add(new DashboardQuery(where, type, Kind.EXPRESSION, target.path("expr").asText()));
                }
            }
        }
    }
}
