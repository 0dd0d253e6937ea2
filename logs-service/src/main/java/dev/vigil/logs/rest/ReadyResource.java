package dev.vigil.logs.rest;

import dev.vigil.logs.store.LocalLogStores;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Loki's {@code /ready}: 200 "ready" once this instance owns its partitions' stores. */
@Path("/ready")
public class ReadyResource {
    private final LocalLogStores stores;

    public ReadyResource(LocalLogStores stores) {
        this.stores = stores;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response ready() {
        return stores.partitions().isEmpty()
                ? Response.status(503).entity("Ingester not ready: no partitions assigned yet\n").build()
                : Response.ok("ready\n").build();
    }
}
