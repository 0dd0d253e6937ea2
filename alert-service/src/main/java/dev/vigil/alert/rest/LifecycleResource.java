package dev.vigil.alert.rest;

import dev.vigil.alert.service.AlertingService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Prometheus/Alertmanager lifecycle endpoints: {@code /-/reload}, {@code /-/ready}, {@code /-/healthy}. */
@Path("/-")
public class LifecycleResource {
    private final AlertingService alerting;

    public LifecycleResource(AlertingService alerting) {
        this.alerting = alerting;
    }

    @POST
    @Path("/reload")
    @Produces(MediaType.TEXT_PLAIN)
    public Response reload() {
        try {
            alerting.reload();
            return Response.ok().build();
        } catch (RuntimeException e) {
            return Response.status(500).entity("failed to reload config: " + e.getMessage() + "\n").build();
        }
    }

    @GET
    @Path("/ready")
    @Produces(MediaType.TEXT_PLAIN)
    public String ready() {
        return "OK";
    }

    @GET
    @Path("/healthy")
    @Produces(MediaType.TEXT_PLAIN)
    public String healthy() {
        return "OK";
    }
}
