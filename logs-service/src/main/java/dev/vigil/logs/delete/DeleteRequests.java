package dev.vigil.logs.delete;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deletion requests every instance holds (read from {@code vigil.logs.deletes}), each with its
 * compiled filter, by tenant.
 */
public final class DeleteRequests {
    private record Held(DeleteRequest request, DeleteFilter filter) {
    }

    private final Map<String, Held> byKey = new ConcurrentHashMap<>();

    /** Adds or replaces a request. @throws IllegalArgumentException when its query is not a log query */
    public void put(DeleteRequest r) {
        byKey.put(r.key(), new Held(r, DeleteFilter.of(r)));
    }

    public void remove(String key) {
        byKey.remove(key);
    }

    /** The tenant's requests, oldest first, as Loki lists them. */
    public List<DeleteRequest> list(String tenant) {
        List<DeleteRequest> out = new ArrayList<>();
        byKey.values().forEach(h -> {
            if (h.request().tenant().equals(tenant)) {
                out.add(h.request());
            }
        });
        out.sort(Comparator.comparingLong(DeleteRequest::createdAtMs).thenComparing(DeleteRequest::requestId));
        return out;
    }

    public java.util.Optional<DeleteRequest> get(String tenant, String requestId) {
        Held h = byKey.get(DeleteRequest.key(tenant, requestId));
        return h == null ? java.util.Optional.empty() : java.util.Optional.of(h.request());
    }

    /** What the tenant's queries must leave out. */
    public List<DeleteFilter> filters(String tenant) {
        List<DeleteFilter> out = new ArrayList<>();
        byKey.values().forEach(h -> {
            if (h.request().tenant().equals(tenant)) {
                out.add(h.filter());
            }
        });
        return out;
    }
}
