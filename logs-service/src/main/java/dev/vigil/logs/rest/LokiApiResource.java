package dev.vigil.logs.rest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.QueryKind;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.patterns.Drain;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.parser.Expr;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.parser.Printer;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.delete.DeleteRequestsTopic;
import dev.vigil.logs.delete.DeletedLogSource;
import dev.vigil.logs.fanout.LocalIndexStats;
import dev.vigil.logs.fanout.PeerInstances;
import dev.vigil.logs.fanout.RemoteLogSource;
import dev.vigil.logs.query.QueryLogSource;
import dev.vigil.logs.query.TenantLogSource;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.IndexStats;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.json.ApiJson;
import dev.vigil.model.tenant.Tenants;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Loki HTTP API over Vigil's log store: the same paths, parameters, defaults and JSON as Loki,
 * so Grafana's Loki data source and logcli work unchanged.
 */
@Path("/loki/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LokiApiResource {
    /** Loki's default line_limit, field_limit and values limit for the detected-fields endpoints. */
    private static final int DETECTED_DEFAULT_LIMIT = 1000;
    /** Distinct values kept per detected field: its cardinality is exact up to this many. */
    private static final int DETECTED_MAX_VALUES = 10_000;
    private static final long HOUR = 3_600_000_000_000L;
    private static final int DEFAULT_LIMIT = 100;

    private final QueryLogSource source;
    private final LocalLogStores stores;
    private final LogsConfig config;
    private final PeerInstances peers;
    private final RequestTenant tenant;
    private final DeleteRequestsTopic deletes;

    public LokiApiResource(QueryLogSource source, LocalLogStores stores, LogsConfig config, PeerInstances peers,
                           RequestTenant tenant, DeleteRequestsTopic deletes) {
        this.source = source;
        this.deletes = deletes;
        this.stores = stores;
        this.config = config;
        this.peers = peers;
        this.tenant = tenant;
    }

    /** What a query of this request reads: its tenant's streams. */
    private LogSource tenantSource() {
        String t = tenant.get();
        DeleteResource.requireLoaded(deletes);
        return DeletedLogSource.of(new TenantLogSource(source, t), () -> deletes.requests().filters(t));
    }

    /** {@code matchers} narrowed to this request's tenant, for the label and series endpoints. */
    private List<LabelMatcher> scoped(List<LabelMatcher> matchers) {
        return Tenants.scope(matchers, tenant.get());
    }

    /** The streams the other instances hold: labels and series of their partitions come from these. */
    private List<Labels> remoteStreams(List<LabelMatcher> m, long from, long to) {
        List<Labels> out = new ArrayList<>();
        for (LogSource peer : peers.sources()) {
            out.addAll(peer.streams(m, from, to));
        }
        return out;
    }

    @GET
    @Path("/query_range")
    public byte[] queryRange(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                             @QueryParam("limit") String limit, @QueryParam("direction") String direction,
                             @QueryParam("step") String step, @QueryParam("interval") String interval) {
        long now = nowNanos();
        long e = LokiParams.timeNanos("end", end, now);
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        if (e < s) {
            throw LokiError.badRequest("end timestamp must not be before or equal to start time");
        }
        checkLength(s, e);
        String q = required(query);
        LogqlEngine engine = engine();
        CountingLogSource counted = new CountingLogSource(tenantSource());
        long t0 = System.nanoTime();
        if (engine.kind(q) == QueryKind.LOG) {
            // Loki's end is inclusive for log queries: the entry at exactly `end` is returned.
            LogResult r = engine.query(counted, q, s, e + 1, direction(direction), limit(limit));
            return LokiJson.logs(r, stats(counted, r.entryCount(), t0));
        }
        long st = step == null || step.isEmpty() ? defaultStep(s, e) : LokiParams.durationNanos("step", step);
        if (st <= 0) {
            throw LokiError.badRequest("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        MetricResult r = engine.range(counted, q, s, e, st);
        return LokiJson.metric(r, stats(counted, 0, t0));
    }

    @GET
    @Path("/query")
    public byte[] query(@QueryParam("query") String query, @QueryParam("time") String time,
                        @QueryParam("limit") String limit, @QueryParam("direction") String direction) {
        String q = required(query);
        LogqlEngine engine = engine();
        if (engine.kind(q) == QueryKind.LOG) {
            throw LokiError.badRequest("log queries are not supported as an instant query type, please change your query to a range query type");
        }
        long t = LokiParams.timeNanos("time", time, nowNanos());
        CountingLogSource counted = new CountingLogSource(tenantSource());
        long t0 = System.nanoTime();
        MetricResult r = engine.instant(counted, q, t);
        return LokiJson.metric(r, stats(counted, 0, t0));
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] queryPost(@FormParam("query") String query, @FormParam("time") String time,
                            @FormParam("limit") String limit, @FormParam("direction") String direction) {
        return query(query, time, limit, direction);
    }

    @GET
    @Path("/labels")
    public byte[] labels(@QueryParam("start") String start, @QueryParam("end") String end, @QueryParam("query") String query) {
        long[] r = labelRange(start, end);
        List<LabelMatcher> m = scoped(query == null || query.isEmpty() ? List.of() : selector(query));
        TreeSet<String> names = new TreeSet<>();
        for (LogStore s : stores.stores()) {
            names.addAll(s.labelNames(r[0], r[1], m));
        }
        for (Labels l : remoteStreams(m, r[0], r[1])) {
            names.addAll(l.toMap().keySet());
        }
        names.remove(Tenants.LABEL);
        return ApiJson.strings(names);
    }

    @GET
    @Path("/label/{name}/values")
    public byte[] labelValues(@PathParam("name") String name, @QueryParam("start") String start, @QueryParam("end") String end,
                              @QueryParam("query") String query) {
        long[] r = labelRange(start, end);
        List<LabelMatcher> m = scoped(query == null || query.isEmpty() ? List.of() : selector(query));
        TreeSet<String> values = new TreeSet<>();
        if (name.equals(Tenants.LABEL)) {
            return ApiJson.strings(values);
        }
        for (LogStore s : stores.stores()) {
            values.addAll(s.labelValues(name, r[0], r[1], m));
        }
        for (Labels l : remoteStreams(m, r[0], r[1])) {
            if (!l.get(name).isEmpty()) {
                values.add(l.get(name));
            }
        }
        return ApiJson.strings(values);
    }

    @GET
    @Path("/series")
    public byte[] series(@QueryParam("match[]") List<String> match, @QueryParam("start") String start, @QueryParam("end") String end) {
        if (match == null || match.isEmpty()) {
            throw LokiError.badRequest("at least one match[] argument required");
        }
        long[] r = labelRange(start, end);
        TreeSet<Labels> out = new TreeSet<>();
        for (String sel : match) {
            List<LabelMatcher> m = scoped(selector(sel));
            for (LogStore s : stores.stores()) {
                s.series(m, r[0], r[1]).forEach(l -> out.add(Tenants.strip(l)));
            }
            remoteStreams(m, r[0], r[1]).forEach(l -> out.add(Tenants.strip(l)));
        }
        return ApiJson.labelSets(out);
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public byte[] seriesPost(@FormParam("match[]") List<String> match, @FormParam("start") String start, @FormParam("end") String end) {
        return series(match, start, end);
    }

    @GET
    @Path("/index/stats")
    public Map<String, Long> indexStats(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end) {
        long[] r = labelRange(start, end);
        List<LabelMatcher> m = scoped(selector(required(query)));
        // Each partition lives on one instance, so the sums over instances count every stream once.
        List<IndexStats> parts = new ArrayList<>();
        parts.add(LocalIndexStats.sum(stores, m, r[0], r[1]));
        for (RemoteLogSource peer : peers.remotes()) {
            parts.add(peer.indexStats(m, r[0], r[1]));
        }
        IndexStats st = LocalIndexStats.total(parts);
        long streams = st.streams();
        long chunks = st.chunks();
        long entries = st.entries();
        long bytes = st.bytes();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("streams", streams);
        out.put("chunks", chunks);
        out.put("bytes", bytes);
        out.put("entries", entries);
        return out;
    }

    /** Loki's {@code format_query}: the query as Loki prints it back (Grafana's query formatter), or 400 with the parse error. */
    @GET
    @Path("/format_query")
    public Map<String, String> formatQuery(@QueryParam("query") String query) {
        try {
            return Map.of("status", "success", "data", Printer.print(Parser.parse(required(query))));
        } catch (LokiError e) {
            throw e;
        } catch (RuntimeException e) {
            throw LokiError.badRequest(e.getMessage());
        }
    }

    @POST
    @Path("/format_query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, String> formatQueryPost(@FormParam("query") String query) {
        return formatQuery(query);
    }

    @GET
    @Path("/status/buildinfo")
    public Map<String, String> buildinfo() {
        Map<String, String> m = new LinkedHashMap<>();
        // Grafana reads the version to pick Loki features: answer as the Loki release Vigil matches.
        m.put("version", "3.0.0");
        m.put("revision", "vigil-0.1.0");
        m.put("branch", "main");
        m.put("buildUser", "vigil");
        m.put("buildDate", "");
        m.put("goVersion", "java" + Runtime.version().feature());
        return m;
    }

    /** Loki's {@code max_query_length}: a range longer than {@code vigil.logs.query.max-length} is a 400. */
    private void checkLength(long startNanos, long endNanos) {
        long limit = config.query().maxLength().toNanos();
        long length;
        try {
            length = Math.subtractExact(endNanos, startNanos);
        } catch (ArithmeticException tooLong) {
            length = Long.MAX_VALUE;
        }
        if (limit > 0 && length > limit) {
            throw LokiError.badRequest("the query time range exceeds the limit (query length: " + goDuration(length)
                    + ", limit: " + goDuration(limit) + ") (vigil.logs.query.max-length)");
        }
    }

    /** A duration as Go prints it, to the second: {@code 721h0m0s}. */
    private static String goDuration(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
    }

    /** Loki's {@code detected_fields}: what json and logfmt find in the query's lines besides the stream labels. */
    @GET
    @Path("/detected_fields")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> detectedFields(@QueryParam("query") String query, @QueryParam("start") String start,
                                              @QueryParam("end") String end, @QueryParam("line_limit") String lineLimit,
                                              @QueryParam("field_limit") String fieldLimit) {
        return detect(query, start, end, lineLimit).answer(LokiParams.limit(fieldLimit, DETECTED_DEFAULT_LIMIT));
    }

    /** Loki's {@code detected_field/{name}/values}: the values of one detected field in the query's lines. */
    @GET
    @Path("/detected_field/{name}/values")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> detectedFieldValues(@PathParam("name") String name, @QueryParam("query") String query,
                                                   @QueryParam("start") String start, @QueryParam("end") String end,
                                                   @QueryParam("line_limit") String lineLimit, @QueryParam("limit") String limit) {
        return detect(query, start, end, lineLimit).values(name, LokiParams.limit(limit, DETECTED_DEFAULT_LIMIT));
    }

    /**
     * Loki's {@code patterns} (Logs Drilldown's Patterns): the query's newest lines, at most
     * {@code vigil.logs.max-entries-limit} of them, grouped by {@link Drain} into patterns with
     * {@code <_>} where their lines differ, each with its line count per step.
     */
    @GET
    @Path("/patterns")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> patterns(@QueryParam("query") String query, @QueryParam("start") String start,
                                        @QueryParam("end") String end, @QueryParam("step") String step) {
        String q = required(query);
        long e = LokiParams.timeNanos("end", end, nowNanos());
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        if (e < s) {
            throw LokiError.badRequest("end timestamp must not be before or equal to start time");
        }
        long st = step == null || step.isEmpty() ? defaultStep(s, e) : LokiParams.durationNanos("step", step);
        if (st <= 0) {
            throw LokiError.badRequest("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        LogqlEngine engine = engine();
        if (engine.kind(q) != QueryKind.LOG) {
            throw LokiError.badRequest("patterns need a log query, not a metric query");
        }
        Drain drain = Drain.withDefaults();
        for (StreamResult r : engine.query(tenantSource(), q, s, e + 1, Direction.BACKWARD, config.maxEntriesLimit()).streams()) {
            for (LogEntry entry : r.entries()) {
                long bucket = s + (entry.timestampNanos() - s) / st * st;
                drain.add(entry.line(), bucket / 1_000_000_000L);
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Drain.Pattern p : drain.patterns()) {
            List<List<Long>> samples = new ArrayList<>();
            p.counts().forEach((t, n) -> samples.add(List.of(t, n)));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pattern", p.text());
            one.put("samples", samples);
            data.add(one);
        }
        return Map.of("status", "success", "data", data);
    }

    /**
     * Runs the query three ways over at most {@code line_limit} lines (Loki's default 1,000): as
     * given, for the streams' own label names; with {@code | json}; and with {@code | logfmt} on
     * the lines json could not read, as Loki picks the parser per line.
     */
    private DetectedFields detect(String query, String start, String end, String lineLimit) {
        String q = required(query);
        long e = LokiParams.timeNanos("end", end, nowNanos());
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        if (e < s) {
            throw LokiError.badRequest("end timestamp must not be before or equal to start time");
        }
        int lines = LokiParams.limit(lineLimit, DETECTED_DEFAULT_LIMIT);
        LogqlEngine engine = engine();
        if (engine.kind(q) != QueryKind.LOG) {
            throw LokiError.badRequest("detected fields need a log query, not a metric query");
        }
        LogSource src = tenantSource();
        Set<String> streamNames = new HashSet<>();
        for (StreamResult r : engine.query(src, q, s, e + 1, Direction.BACKWARD, lines).streams()) {
            for (int i = 0; i < r.labels().size(); i++) {
                streamNames.add(r.labels().name(i));
            }
        }
        DetectedFields fields = new DetectedFields(DETECTED_MAX_VALUES);
        fields.add("json", engine.query(src, q + " | json", s, e + 1, Direction.BACKWARD, lines).streams(), streamNames);
        fields.add("logfmt", engine.query(src, q + " | json | __error__ != \"\" | drop __error__, __error_details__ | logfmt",
                s, e + 1, Direction.BACKWARD, lines).streams(), streamNames);
        return fields;
    }

    private LogqlEngine engine() {
        return new LogqlEngine(new LogqlOptions(config.query().maxSeries(), LogqlOptions.DEFAULTS.maxPointsPerSeries(),
                config.maxEntriesLimit(), config.query().timeout(), config.query().maxBytesScanned()));
    }

    /** The stream matchers of a selector such as {@code {app="x"}} (a pipeline after it is allowed). */
    static List<LabelMatcher> selector(String query) {
        Expr e;
        try {
            e = Parser.parse(query);
        } catch (RuntimeException ex) {
            throw LokiError.badRequest(ex.getMessage());
        }
        if (e instanceof LogSelectorExpr sel) {
            return sel.matchers();
        }
        throw LokiError.badRequest("only log stream selectors are accepted here, got a metric query: " + query);
    }

    private int limit(String limit) {
        int n = LokiParams.limit(limit, DEFAULT_LIMIT);
        if (n > config.maxEntriesLimit()) {
            throw LokiError.badRequest("max entries limit per query exceeded, limit > max_entries_limit_per_query (" + n + " > "
                    + config.maxEntriesLimit() + ")");
        }
        return n;
    }

    private static Direction direction(String d) {
        if (d == null || d.isEmpty()) {
            return Direction.BACKWARD;
        }
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "forward" -> Direction.FORWARD;
            case "backward" -> Direction.BACKWARD;
            default -> throw LokiError.badRequest("invalid direction '" + d + "': expected forward or backward");
        };
    }

    /** Loki's default step: the range split into about 250 points, at least one second. */
    static long defaultStep(long startNanos, long endNanos) {
        long seconds = Math.max((endNanos - startNanos) / 1_000_000_000L / 250, 1);
        return seconds * 1_000_000_000L;
    }

    private static long[] labelRange(String start, String end) {
        long e = LokiParams.timeNanos("end", end, nowNanos());
        long s = LokiParams.timeNanos("start", start, e - 6 * HOUR);
        return new long[]{s, e + 1};
    }

    private static QueryStats stats(CountingLogSource c, long returned, long t0) {
        return new QueryStats(c.lines(), c.bytes(), returned, c.lines(), System.nanoTime() - t0);
    }

    private static String required(String query) {
        if (query == null || query.isBlank()) {
            throw LokiError.badRequest("query parameter is required");
        }
        return query;
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
