package dev.vigil.diagnostics.rest;

import dev.vigil.auth.ApiAuthFilter;
import dev.vigil.auth.Scope;
import dev.vigil.diagnostics.plugins.PolicyException;
import dev.vigil.diagnostics.runs.ProgressUpdate;
import dev.vigil.diagnostics.runs.RunJunit;
import dev.vigil.diagnostics.runs.RunReport;
import dev.vigil.diagnostics.runs.RunService;
import dev.vigil.diagnostics.runs.RunState;
import dev.vigil.diagnostics.runs.RunView;
import dev.vigil.model.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Diagnostics runs: start ({@code POST}), status, results as JSON or JUnit XML, the tar.gz archive in
 * Sonobuoy's layout, cancel ({@code DELETE}), and the upload endpoint plugin workers post results to.
 * Errors are one-line JSON: {@code {"status":"error","error":"..."}}.
 */
@Path("/diagnostics/runs")
public class RunResource {
    private final RunService runs;
    private final ApiAuthFilter auth;

    public RunResource(RunService runs, ApiAuthFilter auth) {
        this.runs = runs;
        this.auth = auth;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(RunRequest request) {
        RunRequest body = request == null ? new RunRequest(null, null, null, null, null, null) : request;
        try {
            RunState s = runs.create(body.toSpec());
            return Response.status(Response.Status.CREATED).entity(Map.of("id", s.id())).build();
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (PolicyException e) {
            return error(Response.Status.FORBIDDEN, e.getMessage());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RunView> list() {
        return runs.list().stream().map(RunView::of).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id) {
        return runs.get(id).map(s -> Response.ok(RunView.of(s)).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("{id}/results")
    @Produces(MediaType.APPLICATION_JSON)
    public Response results(@PathParam("id") String id) {
        return runs.get(id).map(s -> Response.ok(RunReport.of(s)).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("{id}/results/junit")
    @Produces(MediaType.APPLICATION_XML)
    public Response junit(@PathParam("id") String id) {
        return runs.get(id).map(s -> Response.ok(RunJunit.of(s), MediaType.APPLICATION_XML).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("{id}/archive")
    @Produces("application/gzip")
    public Response archive(@PathParam("id") String id) {
        if (runs.get(id).isEmpty()) {
            return notFound(id);
        }
        StreamingOutput body = out -> runs.archive(id, out);
        return Response.ok(body, "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"vigil-diagnostics-" + id + ".tar.gz\"").build();
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id) {
        return runs.cancel(id) ? Response.noContent().build() : notFound(id);
    }

    @POST
    @Path("{id}/plugins/{plugin}/results")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("id") String id, @PathParam("plugin") String plugin, @QueryParam("node") String node,
                           @QueryParam("file") String file, @HeaderParam("Authorization") String authorization, byte[] content) {
        if (!mayUpload(id, authorization)) {
            return error(Response.Status.UNAUTHORIZED, "results of run " + id + " need its upload token or an admin token");
        }
        if (node == null || node.isBlank()) {
            return error(Response.Status.BAD_REQUEST, "query parameter 'node' is required (use 'global' for Job plugins)");
        }
        try {
            return Response.accepted(runs.upload(id, plugin, node, file, content == null ? new byte[0] : content)).build();
        } catch (NoSuchElementException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            return error(Response.Status.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * Sonobuoy's progress API, as the worker relays it from the plugin's pod: the JSON a plugin
     * posts to {@code localhost:$SONOBUOY_PROGRESS_PORT/progress}. Answers the combined progress.
     */
    @POST
    @Path("{id}/plugins/{plugin}/progress")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response progress(@PathParam("id") String id, @PathParam("plugin") String plugin, @QueryParam("node") String node,
                             @HeaderParam("Authorization") String authorization, byte[] content) {
        if (!mayUpload(id, authorization)) {
            return error(Response.Status.UNAUTHORIZED, "progress of run " + id + " needs its upload token or an admin token");
        }
        ProgressUpdate update;
        try {
            update = Json.MAPPER.readValue(content == null || content.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : content,
                    ProgressUpdate.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return error(Response.Status.BAD_REQUEST, "not a progress update (Sonobuoy's JSON: name, node, msg, total, completed, "
                    + "failures, appendcompleted...): " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return error(Response.Status.BAD_REQUEST, "unreadable progress update: " + e.getMessage());
        }
        try {
            return Response.ok(runs.progress(id, plugin, node == null || node.isBlank() ? "global" : node, update)).build();
        } catch (NoSuchElementException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            return error(Response.Status.CONFLICT, e.getMessage());
        }
    }

    /**
     * A plugin worker sends its run's upload token (it was given nothing else); an operator's tool
     * may send an admin token instead; with authentication off, anyone may upload, as before.
     */
    private boolean mayUpload(String id, String authorization) {
        Optional<String> runToken = runs.get(id).map(RunState::uploadToken);
        if (runToken.isPresent() && authorization != null && MessageDigest.isEqual(
                ("Bearer " + runToken.get()).getBytes(StandardCharsets.UTF_8), authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return !auth.authenticating() || auth.grant(authorization).map(g -> g.scopes().contains(Scope.ADMIN)).orElse(false);
    }

    private static Response notFound(String id) {
        return error(Response.Status.NOT_FOUND, "no run " + id);
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", "error", "error", message.replace('\n', ' '))).build();
    }
}
