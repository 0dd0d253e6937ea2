package dev.vigil.metrics.status;

import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.query.QueryStorage;
import dev.vigil.metrics.rest.ApiError;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.series.Series;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's {@code GET /api/v1/status/tsdb} (its UI's "TSDB Status" page, cardinality tools):
 * Prometheus reports its head block, the last two to three hours; Vigil reports the series the
 * request's tenant has over the last {@link #HEAD_WINDOW}, across every instance (as a query sees
 * them). {@code limit} (default 10) bounds each list, as in Prometheus 2.45 and later. Every
 * matching series' samples in the window are read (to count chunks and find the head's time
 * range), on every instance: this is a page for operators, not for dashboards.
 */
@Path("/api/v1/status/tsdb")
@Produces(MediaType.APPLICATION_JSON)
public class TsdbStatusResource {
    /** Prometheus's head spans up to 1.5 block ranges of two hours before it is compacted. */
    static final Duration HEAD_WINDOW = Duration.ofHours(3);

    private final QueryStorage all;
    private final RequestTenant tenant;

    public TsdbStatusResource(QueryStorage all, RequestTenant tenant) {
        this.all = all;
        this.tenant = tenant;
    }

    @GET
    public Map<String, Object> tsdb(@QueryParam("limit") String limit) {
        int n = limit(limit);
        long now = System.currentTimeMillis();
        CardinalityStats stats = new CardinalityStats();
        List<LabelMatcher> everything = List.of(new LabelMatcher(MatchType.REGEX, Labels.METRIC_NAME, ".+"));
        for (Series s : new TenantStorage(all, tenant.get()).select(now - HEAD_WINDOW.toMillis(), now, everything)) {
            stats.add(s);
        }
        return Map.of("status", "success", "data", stats.data(n));
    }

    /** As Prometheus 2.45 and later: absent is 10, anything but a positive integer is refused (2.42 always answers 10). */
    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 10;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the message Prometheus gives
        }
        throw ApiError.badData("limit must be a positive number");
    }
}
