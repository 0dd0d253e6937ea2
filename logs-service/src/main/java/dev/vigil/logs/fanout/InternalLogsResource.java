package dev.vigil.logs.fanout;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogStoreSource;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.IndexStats;
import dev.vigil.logstore.LogStore;
import dev.vigil.model.Labels;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one instance answers for the others: the streams, raw entries and index statistics of the partitions it owns,
 * never asking further instances. Queries on any instance merge these answers with their own.
 */
@Path(InternalLogsResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalLogsResource {
    static final String PATH = "/internal/logs";
    static final int MAX_PAGE = 5000;

    private final LocalLogStores stores;

    public InternalLogsResource(LocalLogStores stores) {
        this.stores = stores;
    }

    @POST
    @Path("/streams")
    public List<Map<String, String>> streams(StreamsRequest req) {
        TreeSet<Labels> out = new TreeSet<>();
        for (LogStore s : stores.stores()) {
            out.addAll(new LogStoreSource(s).streams(WireMatcher.toMatchers(req.matchers()), req.from(), req.to()));
        }
        return out.stream().<Map<String, String>>map(Labels::toMap).toList();
    }

    @POST
    @Path("/index/stats")
    public IndexStats indexStats(StreamsRequest req) {
        return LocalIndexStats.sum(stores, WireMatcher.toMatchers(req.matchers()), req.from(), req.to());
    }

    @POST
    @Path("/entries")
    public List<WireEntry> entries(EntriesRequest req) {
        if (req.limit() <= 0 || req.limit() > MAX_PAGE || req.skip() < 0) {
            throw new IllegalArgumentException("page limit must be in 1.." + MAX_PAGE + " and skip not negative, got limit "
                    + req.limit() + " skip " + req.skip());
        }
        Labels stream = Labels.from(req.stream());
        Direction d = req.forward() ? Direction.FORWARD : Direction.BACKWARD;
        for (LogStore s : stores.stores()) {
            try (EntryIterator it = new LogStoreSource(s).entries(stream, req.from(), req.to(), d, LinePredicate.ALL)) {
                if (!it.hasNext()) {
                    continue;
                }
                List<WireEntry> out = new ArrayList<>();
                for (int i = 0; i < req.skip() && it.hasNext(); i++) {
                    it.next();
                }
                while (out.size() < req.limit() && it.hasNext()) {
                    LogEntry e = it.next();
                    out.add(new WireEntry(e.timestampNanos(), e.line(), e.structuredMetadata().toMap()));
                }
                return out;
            }
        }
        return List.of();
    }
}
