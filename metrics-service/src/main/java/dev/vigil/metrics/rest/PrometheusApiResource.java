package dev.vigil.metrics.rest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.metadata.MetricMetadataStore;
import dev.vigil.metrics.query.QueryStats;
import dev.vigil.metrics.query.QueryStorage;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.json.ApiJson;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.eval.Result;
import dev.vigil.promql.parser.Parser;
import dev.vigil.promql.parser.Printer;
import dev.vigil.promql.parser.VectorSelector;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Prometheus HTTP API (v1) over Vigil's TSDB: the same paths, parameters, JSON and error
 * codes, so Grafana's Prometheus data source and any Prometheus client work unchanged.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PrometheusApiResource {
    /** Prometheus refuses range queries with more points than this per series. */
    static final long MAX_POINTS = 11_000;

    private final QueryStorage all;
    private final MetricsConfig config;
    private final RequestTenant tenant;

    private final MetricMetadataStore metadata;

    public PrometheusApiResource(QueryStorage all, MetricsConfig config, RequestTenant tenant, MetricMetadataStore metadata) {
        this.all = all;
        this.metadata = metadata;
        this.config = config;
        this.tenant = tenant;
    }

    /** What this request may read: its tenant's series. */
    private Storage storage() {
        return new TenantStorage(all, tenant.get());
    }

    @GET
    @Path("/query")
    public byte[] query(@QueryParam("query") String query, @QueryParam("time") String time, @QueryParam("timeout") String timeout,
                        @QueryParam("stats") String stats) {
        return instant(query, time, timeout, stats);
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] queryPost(@FormParam("query") String query, @FormParam("time") String time, @FormParam("timeout") String timeout,
                            @FormParam("stats") String stats) {
        return instant(query, time, timeout, stats);
    }

    @GET
    @Path("/query_range")
    public byte[] queryRange(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                             @QueryParam("step") String step, @QueryParam("timeout") String timeout,
                             @QueryParam("stats") String stats) {
        return range(query, start, end, step, timeout, stats);
    }

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] queryRangePost(@FormParam("query") String query, @FormParam("start") String start, @FormParam("end") String end,
                                 @FormParam("step") String step, @FormParam("timeout") String timeout,
                                 @FormParam("stats") String stats) {
        return range(query, start, end, step, timeout, stats);
    }

    @GET
    @Path("/series")
    public byte[] series(@QueryParam("match[]") List<String> match, @QueryParam("start") String start, @QueryParam("end") String end,
                         @QueryParam("limit") String limit) {
        return seriesOf(match, start, end, limit);
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] seriesPost(@FormParam("match[]") List<String> match, @FormParam("start") String start, @FormParam("end") String end,
                             @FormParam("limit") String limit) {
        return seriesOf(match, start, end, limit);
    }

    @GET
    @Path("/labels")
    public byte[] labels(@QueryParam("match[]") List<String> match, @QueryParam("start") String start, @QueryParam("end") String end,
                         @QueryParam("limit") String limit) {
        return labelNames(match, start, end, limit);
    }

    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] labelsPost(@FormParam("match[]") List<String> match, @FormParam("start") String start, @FormParam("end") String end,
                             @FormParam("limit") String limit) {
        return labelNames(match, start, end, limit);
    }

    @GET
    @Path("/label/{name}/values")
    public byte[] labelValues(@PathParam("name") String name, @QueryParam("match[]") List<String> match,
                              @QueryParam("start") String start, @QueryParam("end") String end, @QueryParam("limit") String limit) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw ApiError.badData("invalid label name: \"" + name + "\"");
        }
        long s = Params.time("start", start, Params.MIN_TIME);
        long e = Params.time("end", end, Params.MAX_TIME);
        TreeSet<String> values = new TreeSet<>();
        for (List<LabelMatcher> m : matcherSets(match, true)) {
            values.addAll(storage().labelValues(name, s, e, m));
        }
        return ApiJson.strings(limit(new ArrayList<>(values), limit));
    }

    /** What remote-write senders said of each metric family (TYPE, HELP, UNIT), as Prometheus's metadata API. */
    @GET
    @Path("/metadata")
    public byte[] metadata(@QueryParam("metric") String metric, @QueryParam("limit") String limit,
                           @QueryParam("limit_per_metric") String limitPerMetric) {
        int families = limit == null || limit.isEmpty() ? -1 : intParam("limit", limit);
        int perMetric = limitPerMetric == null || limitPerMetric.isEmpty() ? -1 : intParam("limit_per_metric", limitPerMetric);
        Map<String, List<MetricMetadataStore.Entry>> found = metadata.query(tenant.get(), metric, families, perMetric);
        return ApiJson.data(g -> {
            g.writeStartObject();
            for (Map.Entry<String, List<MetricMetadataStore.Entry>> e : found.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (MetricMetadataStore.Entry m : e.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("type", m.type());
                    g.writeStringField("help", m.help());
                    g.writeStringField("unit", m.unit());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static int intParam(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badData("invalid " + name + ": \"" + value + "\"");
        }
    }

    @GET
    @Path("/query_exemplars")
    public byte[] exemplars() {
        return ApiJson.data(g -> {
            g.writeStartArray();
            g.writeEndArray();
        });
    }

    @POST
    @Path("/query_exemplars")
    public byte[] exemplarsPost() {
        return exemplars();
    }

    @GET
    @Path("/format_query")
    public Map<String, Object> formatQuery(@QueryParam("query") String query) {
        return Map.of("status", "success", "data", Printer.print(Parser.parse(required("query", query))));
    }

    @POST
    @Path("/format_query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, Object> formatQueryPost(@FormParam("query") String query) {
        return formatQuery(query);
    }

    private byte[] instant(String query, String time, String timeout, String stats) {
        long t = Params.time("time", time, System.currentTimeMillis());
        return answer(stats, storage -> engine(timeout).instantQuery(storage, required("query", query), t));
    }

    /**
     * Runs the query and writes its result; with {@code stats} (Prometheus: {@code stats=all}) also
     * the samples it read and how many were rollups ({@link QueryStats}).
     */
    private byte[] answer(String stats, Function<Storage, Result> query) {
        if (stats == null || stats.isEmpty()) {
            return PromJson.queryResult(query.apply(storage()).value());
        }
        QueryStats counted = new QueryStats(storage());
        long t0 = System.nanoTime();
        Result r = query.apply(counted);
        return PromJson.queryResult(r.value(), counted, System.nanoTime() - t0);
    }

    private byte[] range(String query, String start, String end, String step, String timeout, String stats) {
        long s = Params.time("start", required("start", start), 0);
        long e = Params.time("end", required("end", end), 0);
        if (e < s) {
            throw ApiError.badData("invalid parameter \"end\": end timestamp must not be before start time");
        }
        long st = Params.duration("step", step);
        if (st <= 0) {
            throw ApiError.badData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        long span;
        try {
            span = Math.subtractExact(e, s);
        } catch (ArithmeticException tooWide) {
            span = Long.MAX_VALUE; // as Go's time.Sub saturates
        }
        if (span / st > MAX_POINTS) {
            throw ApiError.badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        long from = s;
        long to = e;
        long every = st;
        return answer(stats, storage -> engine(timeout).rangeQuery(storage, required("query", query), from, to, every));
    }

    private byte[] seriesOf(List<String> match, String start, String end, String limit) {
        if (match == null || match.isEmpty()) {
            throw ApiError.badData("no match[] parameter provided");
        }
        long s = Params.time("start", start, Params.MIN_TIME);
        long e = Params.time("end", end, Params.MAX_TIME);
        LinkedHashSet<Labels> out = new LinkedHashSet<>();
        for (List<LabelMatcher> m : matcherSets(match, false)) {
            for (Series series : storage().select(s, e, m)) {
                out.add(series.labels());
            }
        }
        List<Labels> sorted = new ArrayList<>(out);
        sorted.sort(null);
        return ApiJson.labelSets(limit(sorted, limit));
    }

    private byte[] labelNames(List<String> match, String start, String end, String limit) {
        long s = Params.time("start", start, Params.MIN_TIME);
        long e = Params.time("end", end, Params.MAX_TIME);
        TreeSet<String> names = new TreeSet<>();
        for (List<LabelMatcher> m : matcherSets(match, true)) {
            names.addAll(storage().labelNames(s, e, m));
        }
        return ApiJson.strings(limit(new ArrayList<>(names), limit));
    }

    /** Each match[] selector as matchers; no selector means "all series" when allowed. */
    static List<List<LabelMatcher>> matcherSets(List<String> match, boolean emptyMeansAll) {
        List<List<LabelMatcher>> sets = new ArrayList<>();
        if (match == null || match.isEmpty()) {
            if (emptyMeansAll) {
                sets.add(List.of());
            }
            return sets;
        }
        for (String m : match) {
            VectorSelector vs;
            try {
                vs = Parser.parseSelector(m);
            } catch (RuntimeException e) {
                throw ApiError.badData("invalid parameter \"match[]\": " + e.getMessage());
            }
            sets.add(vs.matchers());
        }
        return sets;
    }

    private static <T> List<T> limit(List<T> items, String limit) {
        if (limit == null || limit.isEmpty()) {
            return items;
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiError.badData("invalid parameter \"limit\": cannot parse \"" + limit + "\" to a valid limit");
        }
        return n > 0 && n < items.size() ? items.subList(0, n) : items;
    }

    private Engine engine(String timeout) {
        MetricsConfig.Query q = config.query();
        Duration t = q.timeout();
        if (timeout != null && !timeout.isEmpty()) {
            Duration asked = Duration.ofMillis(Params.duration("timeout", timeout));
            if (asked.compareTo(t) < 0) {
                t = asked;
            }
        }
        return new Engine(EngineOptions.defaults()
                .withLookbackDeltaMs(q.lookbackDelta().toMillis())
                .withMaxSamples(q.maxSamples())
                .withTimeout(t));
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"\" to a valid " + (name.equals("query") ? "query" : "timestamp"));
        }
        return value;
    }
}
