package dev.vigil.logs.rest;

import dev.vigil.auth.ForwardedGet;
import dev.vigil.logs.config.LogsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;

/**
 * Loki's ruler API in Prometheus's format, {@code /prometheus/api/v1/rules} and
 * {@code /prometheus/api/v1/alerts}, where Grafana's Loki data source reads the data
 * source-managed alert and recording rules: the LogQL rule groups the alert service evaluates
 * ({@code vigil.alert.logql-rule-files}), with their state and firing alerts, passed on with the
 * caller's credentials and tenant. The rule files are configuration here, so Loki's API for
 * changing them is not offered.
 */
@Path("/prometheus/api/v1")
public class RulerResource {
    private final String rulesUrl;

    public RulerResource(LogsConfig config) {
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

    private Response forward(String path, UriInfo uri, HttpHeaders headers) {
        String url = ForwardedGet.url(rulesUrl, path, uri.getRequestUri().getRawQuery(), "rule_language=logql");
        try {
            ForwardedGet.Answer a = ForwardedGet.send(url, headers::getHeaderString);
            return Response.status(a.status()).type(MediaType.APPLICATION_JSON).entity(a.body()).build();
        } catch (IOException e) {
            throw new LokiError(503, "rules and alerts are answered by the alert service (vigil.logs.rules-url), which did not answer: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiError(503, "interrupted");
        }
    }
}
