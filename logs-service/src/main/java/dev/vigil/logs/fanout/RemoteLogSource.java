package dev.vigil.logs.fanout;

import dev.vigil.auth.ServiceCredential;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logstore.IndexStats;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The partitions another instance owns, read through its {@link InternalLogsResource}. Entries come
 * in pages the engine pulls as it reads, so a query with a small limit fetches little. Line filters
 * are not sent: the engine applies its pipeline to every entry anyway.
 */
public final class RemoteLogSource implements LogSource {
    static final int PAGE = 1000;
    private static final TypeReference<List<Map<String, String>>> LABEL_SETS = new TypeReference<>() { };
    private static final TypeReference<List<WireEntry>> ENTRIES = new TypeReference<>() { };

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final ServiceCredential credential;

    /** A source for the instance at {@code hostPort} (its {@code application.server}), called with {@code credential}. */
    public RemoteLogSource(String hostPort, HttpClient http, ObjectMapper json, ServiceCredential credential) {
        this.base = URI.create("http://" + hostPort + InternalLogsResource.PATH);
        this.http = http;
        this.json = json;
        this.credential = credential;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        List<Map<String, String>> sets = post("/streams",
                new StreamsRequest(matchers.stream().map(WireMatcher::of).toList(), fromNanos, toNanos), LABEL_SETS);
        return sets.stream().map(Labels::from).toList();
    }

    /** The index statistics of the other instance's partitions, as its own {@code /index/stats} would count them. */
    public IndexStats indexStats(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return post("/index/stats", new StreamsRequest(matchers.stream().map(WireMatcher::of).toList(), fromNanos, toNanos),
                new TypeReference<IndexStats>() { });
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        return new Pages(stream.toMap(), fromNanos, toNanos, direction == Direction.FORWARD);
    }

    private <T> T post(String path, Object body, TypeReference<T> type) {
        try {
            HttpRequest req = credential.authorize(HttpRequest.newBuilder(URI.create(base + path))).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new PeerUnavailableException("instance " + base.getAuthority() + " answered " + r.statusCode() + " to " + path
                        + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), null);
            }
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new PeerUnavailableException("instance " + base.getAuthority() + " did not answer " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException("interrupted while asking instance " + base.getAuthority(), e);
        }
    }

    /**
     * A stream's entries, one page at a time. The next page narrows the range to the last
     * timestamp received and skips the entries at that timestamp already had, so entries that
     * arrive meanwhile at other timestamps shift nothing.
     */
    private final class Pages implements EntryIterator {
        private final Map<String, String> stream;
        private final boolean forward;
        private long from;
        private long to;
        private int skip;
        private final Deque<LogEntry> page = new ArrayDeque<>();
        private boolean last;

        Pages(Map<String, String> stream, long from, long to, boolean forward) {
            this.stream = stream;
            this.from = from;
            this.to = to;
            this.forward = forward;
        }

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !last) {
                fetch();
            }
            return !page.isEmpty();
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.poll();
        }

        private void fetch() {
            List<WireEntry> got = post("/entries", new EntriesRequest(stream, from, to, forward, skip, PAGE), ENTRIES);
            last = got.size() < PAGE;
            if (got.isEmpty()) {
                return;
            }
            long lastTs = got.get(got.size() - 1).t();
            int atLast = 0;
            for (WireEntry e : got) {
                page.add(new LogEntry(e.t(), e.line(), Labels.from(e.metadata())));
                if (e.t() == lastTs) {
                    atLast++;
                }
            }
            boolean sameBound = forward ? from == lastTs : to == lastTs + 1;
            skip = sameBound ? skip + atLast : atLast;
            if (forward) {
                from = lastTs;
            } else {
                to = lastTs + 1;
            }
        }

        @Override
        public void close() {
            page.clear();
            last = true;
        }
    }
}
