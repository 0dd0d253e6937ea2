package dev.vigil.diagnostics.rest;

import dev.vigil.diagnostics.inventory.Inventory;
import dev.vigil.diagnostics.inventory.InventoryCollector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;

/** {@code GET /diagnostics/inventory}: the cluster inventory, or 503 with one line when no cluster answers. */
@Path("/diagnostics/inventory")
public class InventoryResource {
    private static final Logger LOG = Logger.getLogger(InventoryResource.class);
    private final KubernetesClient client;

    public InventoryResource(KubernetesClient client) {
        this.client = client;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response inventory() {
        try {
            Inventory inv = new InventoryCollector(client).collect();
            return Response.ok(inv).build();
        } catch (KubernetesClientException e) {
            String why = rootMessage(e);
            LOG.debugf(e, "inventory failed");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("status", "error", "errorType", "unavailable",
                            "error", "no Kubernetes cluster reachable at " + client.getMasterUrl() + ": " + why))
                    .build();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.replace('\n', ' ');
    }
}
