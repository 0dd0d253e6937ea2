package dev.vigil.metrics.rest;

import dev.vigil.metrics.config.MetricsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code /api/v1/rules} and {@code /api/v1/alerts} on the Prometheus URL, where Grafana's
 * Prometheus data source asks for them: answered by the alert service, which evaluates the rules
 * (the request's query, credentials and tenant passed on, its answer passed back).
 */
@Path("/api/v1")
public class RulesProxyResource {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String rulesUrl;

    public RulesProxyResource(MetricsConfig config) {
        String u = config.rulesUrl();
        this.rulesUrl = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
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
        String query = uri.getRequestUri().getRawQuery();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(rulesUrl + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30)).GET();
        for (String h : new String[]{"Authorization", "X-Scope-OrgID"}) {
            String v = headers.getHeaderString(h);
            if (v != null) {
                req.header(h, v);
            }
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Response.status(r.statusCode()).type(MediaType.APPLICATION_JSON).entity(r.body()).build();
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
