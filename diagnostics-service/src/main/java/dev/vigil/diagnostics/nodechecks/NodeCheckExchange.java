package dev.vigil.diagnostics.nodechecks;

import dev.vigil.model.json.DiagnosticsRequest;

/** Sends node-check requests to the collectors; results come back through the results listener. */
public interface NodeCheckExchange extends AutoCloseable {
    /** @return false when the request could not be delivered */
    boolean publish(DiagnosticsRequest request);

    @Override
    default void close() {
    }

    /** No collectors reachable: every request fails to deliver. */
    static NodeCheckExchange none() {
        return request -> false;
    }
}
