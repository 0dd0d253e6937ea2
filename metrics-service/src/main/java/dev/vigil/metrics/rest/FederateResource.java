package dev.vigil.metrics.rest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.query.QueryStorage;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.model.GoFloat;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus' {@code /federate}: the latest sample (within the lookback delta, not a staleness
 * marker) of every series any {@code match[]} selects, in the text exposition format with each
 * sample's own timestamp, so another Prometheus can scrape Vigil as it scrapes a Prometheus. A
 * request without {@code match[]} selects nothing, as in Prometheus.
 */
@Path("/federate")
public class FederateResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final QueryStorage all;
    private final MetricsConfig config;
    private final RequestTenant tenant;

    public FederateResource(QueryStorage all, MetricsConfig config, RequestTenant tenant) {
        this.all = all;
        this.config = config;
        this.tenant = tenant;
    }

    private record Latest(long t, double v) {
    }

    @GET
    public Response federate(@QueryParam("match[]") List<String> match) {
        long now = System.currentTimeMillis();
        long from = now - config.query().lookbackDelta().toMillis();
        TenantStorage storage = new TenantStorage(all, tenant.get());
        // by family first, so each family's series follow its TYPE line
        Map<Labels, Latest> latest = new TreeMap<>(Comparator.comparing(Labels::metricName).thenComparing(Comparator.naturalOrder()));
        for (List<LabelMatcher> matchers : PrometheusApiResource.matcherSets(match, false)) {
            for (Series s : storage.select(from, now, matchers)) {
                if (latest.containsKey(s.labels())) {
                    continue;
                }
                SampleCursor c = s.cursor();
                long t = Long.MIN_VALUE;
                double v = 0;
                while (c.next() && c.timestamp() <= now) {
                    t = c.timestamp();
                    v = c.value();
                }
                if (t >= from && !StaleNaN.is(v)) {
                    latest.put(s.labels(), new Latest(t, v));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        String family = null;
        for (Map.Entry<Labels, Latest> e : latest.entrySet()) {
            String name = e.getKey().metricName();
            if (!name.equals(family)) {
                // Prometheus does not keep types, so federation calls every family untyped
                out.append("# TYPE ").append(name).append(" untyped\n");
                family = name;
            }
            out.append(name);
            writeLabels(e.getKey(), out);
            out.append(' ').append(GoFloat.formatExposition(e.getValue().v())).append(' ').append(e.getValue().t()).append('\n');
        }
        return Response.ok(out.toString().getBytes(StandardCharsets.UTF_8), CONTENT_TYPE).build();
    }

    private static void writeLabels(Labels labels, StringBuilder out) {
        boolean first = true;
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.name(i).equals(Labels.METRIC_NAME)) {
                out.append(first ? '{' : ',').append(labels.name(i)).append("=\"").append(Labels.escape(labels.value(i))).append('"');
                first = false;
            }
        }
        if (!first) {
            out.append('}');
        }
    }
}
