package dev.vigil.logs.rest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.logs.fanout.PeerInstances;
import dev.vigil.logs.fanout.RemoteLogSource;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.model.json.ApiJson;
import dev.vigil.model.tenant.Tenants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What Grafana's Logs Drilldown asks of Loki besides queries: {@code index/volume} and
 * {@code index/volume_range} (bytes per label set, from the index, as Loki answers them) and
 * {@code detected_labels} (the labels worth breaking logs down by, with their cardinality).
 */
@Path("/loki/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final int DEFAULT_LIMIT = 100;
    /** Values that identify rather than group: numbers and UUIDs (Loki drops labels made only of these). */
    private static final Pattern ID = Pattern.compile("^(-?\\d+(\\.\\d+)?|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");
    private static final Set<String> ALWAYS_DETECTED = Set.of("cluster", "namespace", "instance", "pod");

    private final LocalLogStores stores;
    private final PeerInstances peers;
    private final RequestTenant tenant;

    public VolumeResource(LocalLogStores stores, PeerInstances peers, RequestTenant tenant) {
        this.stores = stores;
        this.peers = peers;
        this.tenant = tenant;
    }

    @GET
    @Path("/index/volume")
    public byte[] volume(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                         @QueryParam("limit") String limit, @QueryParam("targetLabels") String targetLabels,
                         @QueryParam("aggregateBy") String aggregateBy) {
        long e = LokiParams.timeNanos("end", end, System.currentTimeMillis() * MS);
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        Request r = request(query, targetLabels, aggregateBy, limit);
        List<Map.Entry<Key, Long>> top = r.top(volumes(r, s, e + 1));
        return ApiJson.data(g -> {
            g.writeStartObject();
            g.writeStringField("resultType", "vector");
            g.writeArrayFieldStart("result");
            for (Map.Entry<Key, Long> v : top) {
                g.writeStartObject();
                g.writeObjectFieldStart("metric");
                for (Map.Entry<String, String> l : v.getKey().labels().entrySet()) {
                    g.writeStringField(l.getKey(), l.getValue());
                }
                g.writeEndObject();
                g.writeFieldName("value");
                ApiJson.point(g, e, 9, Long.toString(v.getValue()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @GET
    @Path("/index/volume_range")
    public byte[] volumeRange(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
                              @QueryParam("step") String step, @QueryParam("limit") String limit,
                              @QueryParam("targetLabels") String targetLabels, @QueryParam("aggregateBy") String aggregateBy) {
        long e = LokiParams.timeNanos("end", end, System.currentTimeMillis() * MS);
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        long stepNanos = step == null || step.isBlank() ? Math.max(1_000 * MS, (e - s) / 250 / (1_000 * MS) * 1_000 * MS)
                : LokiParams.durationNanos("step", step);
        if (stepNanos <= 0) {
            throw LokiError.badRequest("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((e - s) / stepNanos > 11_000) {
            throw LokiError.badRequest("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        Request r = request(query, targetLabels, aggregateBy, limit);
        // buckets on multiples of the step, each stamped 1 ms before its end, the last at the range's end
        Map<Key, TreeMap<Long, Long>> series = new TreeMap<>(Comparator.comparing(Key::toString));
        for (long b = Math.floorDiv(s, stepNanos) * stepNanos; b < e; b += stepNanos) {
            long from = Math.max(b, s);
            long to = Math.min(b + stepNanos, e + 1);
            long stamp = Math.min(b + stepNanos - MS, e);
            for (Map.Entry<Key, Long> v : r.top(volumes(r, from, to))) {
                series.computeIfAbsent(v.getKey(), k -> new TreeMap<>()).put(stamp, v.getValue());
            }
        }
        boolean matrix = series.values().stream().anyMatch(p -> p.size() > 1);
        return ApiJson.data(g -> {
            g.writeStartObject();
            g.writeStringField("resultType", matrix ? "matrix" : "vector");
            g.writeArrayFieldStart("result");
            for (Map.Entry<Key, TreeMap<Long, Long>> v : series.entrySet()) {
                g.writeStartObject();
                g.writeObjectFieldStart("metric");
                for (Map.Entry<String, String> l : v.getKey().labels().entrySet()) {
                    g.writeStringField(l.getKey(), l.getValue());
                }
                g.writeEndObject();
                if (matrix) {
                    g.writeArrayFieldStart("values");
                    for (Map.Entry<Long, Long> p : v.getValue().entrySet()) {
                        ApiJson.point(g, p.getKey(), 9, Long.toString(p.getValue()));
                    }
                    g.writeEndArray();
                } else {
                    Map.Entry<Long, Long> p = v.getValue().firstEntry();
                    g.writeFieldName("value");
                    ApiJson.point(g, p.getKey(), 9, Long.toString(p.getValue()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Loki's {@code detected_labels}: each label of the matching streams with its number of values, but for labels of IDs only. */
    @GET
    @Path("/detected_labels")
    public Map<String, Object> detectedLabels(@QueryParam("query") String query, @QueryParam("start") String start,
                                              @QueryParam("end") String end) {
        long e = LokiParams.timeNanos("end", end, System.currentTimeMillis() * MS);
        long s = LokiParams.timeNanos("start", start, e - HOUR);
        List<LabelMatcher> m = query == null || query.isBlank() ? List.of() : LokiApiResource.selector(query);
        Map<String, Set<String>> values = new TreeMap<>();
        for (Labels stream : streams(Tenants.scope(m, tenant.get()), s, e + 1)) {
            Tenants.strip(stream).forEach(l -> values.computeIfAbsent(l.name(), k -> new TreeSet<>()).add(l.value()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        values.forEach((name, vs) -> {
            boolean ids = vs.stream().allMatch(v -> ID.matcher(v).matches());
            boolean flag = vs.size() <= 2 && vs.stream().allMatch(v -> v.equals("0") || v.equals("1"));
            if (ALWAYS_DETECTED.contains(name) || !ids || flag) {
                out.add(Map.of("label", name, "cardinality", vs.size()));
            }
        });
        return Map.of("detectedLabels", out);
    }

    /**
     * A result's label set. Not {@link Labels}: grouping by label name gives {@code {os=""}}, and an
     * empty value is no label there.
     */
    private record Key(TreeMap<String, String> labels) {
        @Override
        public String toString() {
            return labels.toString();
        }
    }

    /** One volume request: the stream matchers, what the result is grouped by, how many are kept. */
    private record Request(List<LabelMatcher> matchers, Set<String> groupBy, Set<String> targets, boolean byLabelName, int limit) {
        List<Map.Entry<Key, Long>> top(Map<Key, Long> volumes) {
            return volumes.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<Key, Long>>comparingLong(Map.Entry::getValue).reversed()
                            .thenComparing(x -> x.getKey().toString()))
                    .limit(limit).toList();
        }
    }

    private Request request(String query, String targetLabels, String aggregateBy, String limit) {
        if (query == null || query.isBlank()) {
            throw LokiError.badRequest("query parameter is required");
        }
        List<LabelMatcher> m = new ArrayList<>(LokiApiResource.selector(query));
        String by = aggregateBy == null || aggregateBy.isBlank() ? "series" : aggregateBy;
        if (!by.equals("series") && !by.equals("labels")) {
            throw LokiError.badRequest("invalid aggregation option: " + by + ", must be one of series or labels");
        }
        Set<String> targets = new LinkedHashSet<>();
        if (targetLabels != null && !targetLabels.isBlank()) {
            Arrays.stream(targetLabels.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(targets::add);
        }
        Set<String> matched = new LinkedHashSet<>();
        m.forEach(x -> matched.add(x.name()));
        for (String t : targets) {
            if (!matched.contains(t)) {
                m.add(new LabelMatcher(MatchType.REGEX, t, ".+"));
            }
        }
        int n = LokiParams.limit(limit, DEFAULT_LIMIT);
        return new Request(Tenants.scope(m, tenant.get()), targets.isEmpty() ? matched : targets, targets, by.equals("labels"),
                n == 0 ? DEFAULT_LIMIT : n);
    }

    /**
     * Bytes per group in [from, to): each partition (here or on another instance) is asked for its
     * own streams and then for those streams' bytes, so no holder is asked about another's streams.
     */
    private Map<Key, Long> volumes(Request r, long from, long to) {
        Map<Key, Long> out = new HashMap<>();
        for (LogStore s : stores.stores()) {
            for (Labels stream : s.series(r.matchers(), from, to)) {
                add(r, out, stream, s.indexStats(exact(stream), from, to).bytes());
            }
        }
        for (RemoteLogSource peer : peers.remotes()) {
            for (Labels stream : peer.streams(r.matchers(), from, to)) {
                add(r, out, stream, peer.indexStats(exact(stream), from, to).bytes());
            }
        }
        return out;
    }

    private static List<LabelMatcher> exact(Labels stream) {
        List<LabelMatcher> exact = new ArrayList<>();
        stream.forEach(l -> exact.add(LabelMatcher.equal(l.name(), l.value())));
        return exact;
    }

    /** Counts one stream's bytes into its group (or, by label name, into each of its labels' groups). */
    private static void add(Request r, Map<Key, Long> out, Labels stream, long bytes) {
        if (bytes == 0) {
            return;
        }
        Labels visible = Tenants.strip(stream);
        if (r.byLabelName()) {
            // by label name: every label of the stream counts, or only the target labels when named
            for (var l : visible) {
                if (r.targets().isEmpty() || r.targets().contains(l.name())) {
                    out.merge(new Key(new TreeMap<>(Map.of(l.name(), ""))), bytes, Long::sum);
                }
            }
            return;
        }
        TreeMap<String, String> key = new TreeMap<>();
        for (var l : visible) {
            if (r.groupBy().isEmpty() || r.groupBy().contains(l.name())) {
                key.put(l.name(), l.value());
            }
        }
        out.merge(new Key(key), bytes, Long::sum);
    }

    private List<Labels> streams(List<LabelMatcher> m, long from, long to) {
        Set<Labels> out = new TreeSet<>(Comparator.comparing(Labels::toString));
        for (LogStore s : stores.stores()) {
            out.addAll(s.series(m, from, to));
        }
        for (LogSource peer : peers.sources()) {
            out.addAll(peer.streams(m, from, to));
        }
        return List.copyOf(out);
    }
}
