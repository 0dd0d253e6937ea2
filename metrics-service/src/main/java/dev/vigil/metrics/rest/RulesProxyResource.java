package dev.vigil.metrics.rest;

import dev.vigil.auth.ForwardedGet;
import dev.vigil.metrics.config.MetricsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.util.Map;

/**
 * {@code /api/v1/rules} and {@code /api/v1/alerts} on the Prometheus URL, where Grafana's
 * Prometheus data source asks for them: answered by the alert service, which evaluates the rules
 * (the request's query, credentials and tenant passed on, its answer passed back).
 */
@Path("/api/v1")
public class RulesProxyResource {
    private final String rulesUrl;

    public RulesProxyResource(MetricsConfig config) {
        this.rulesUrl = config.rulesUrl();
    }

    @GET
    @Path("/rules")
    public Response rules(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("/api/v1/rules", uri, headers);
    }

    @GET
    @Path("/alerts")
    public Response alerts(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("/api/v1/alerts", uri, headers);
    }

    /** Passes the request on, keeping the PromQL groups: the LogQL ones belong to the Loki URL's ruler API. */
    private Response forward(String path, UriInfo uri, HttpHeaders headers) {
        String url = ForwardedGet.url(rulesUrl, path, uri.getRequestUri().getRawQuery(), "rule_language=promql");
        try {
            ForwardedGet.Answer a = ForwardedGet.send(url, headers::getHeaderString);
            return Response.status(a.status()).type(MediaType.APPLICATION_JSON).entity(a.body()).build();
        } catch (IOException e) {
            return Response.status(503).type(MediaType.APPLICATION_JSON).entity(Map.of("status", "error", "errorType", "unavailable",
                    "error", "rules and alerts are answered by the alert service (vigil.metrics.rules-url), which did not answer: "
                            + e.getClass().getSimpleName())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(503).build();
        }
    }
}
