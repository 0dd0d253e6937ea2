package dev.vigil.logs.rest;

import dev.vigil.logs.delete.DeleteRequestsTopic;

import dev.vigil.logs.store.LocalLogStores;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Loki's {@code /ready}: 200 "ready" once this instance owns its partitions' stores and they can
 * write; 503 with the reason otherwise (a full disk pauses ingestion, queries go on).
 */
@Path("/ready")
public class ReadyResource {
    private final LocalLogStores stores;
    private final DeleteRequestsTopic deletes;

    public ReadyResource(LocalLogStores stores, DeleteRequestsTopic deletes) {
        this.stores = stores;
        this.deletes = deletes;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response ready() {
        if (stores.partitions().isEmpty()) {
            return Response.status(503).entity("Ingester not ready: no partitions assigned yet\n").build();
        }
        if (!deletes.ready()) {
            return Response.status(503).entity("Ingester not ready: log deletion requests not read yet\n").build();
        }
        return stores.durability().failure()
                .map(f -> Response.status(503).entity("Ingester not ready: cannot write, ingestion paused: " + f.reason() + "\n").build())
                .orElseGet(() -> Response.ok("ready\n").build());
    }
}
