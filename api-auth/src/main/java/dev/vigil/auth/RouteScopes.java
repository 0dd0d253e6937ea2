package dev.vigil.auth;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scope each request needs, from its method and path, for every service's API: state changes
 * ({@code /-/reload}, silences, diagnostics runs, log deletion, the services' internal endpoints) need
 * {@code admin}; ingest (remote write, Loki push, OTLP, posting alerts) needs {@code write};
 * everything else, queries POSTed as forms included, {@code read}. Health checks need nothing, so
 * Kubernetes probes work without a token; a diagnostics plugin's result upload is checked by the
 * diagnostics service against the run's own upload token.
 */
public final class RouteScopes {
    private static final List<String> ADMIN_PREFIXES = List.of("/-/reload", "/api/v2/silence", "/diagnostics/runs", "/internal/",
            "/loki/api/v1/delete");
    private static final List<String> WRITE_PATHS = List.of("/api/v1/write", "/loki/api/v1/push", "/v1/metrics", "/v1/logs",
            "/api/v1/otlp/v1/metrics", "/otlp/v1/logs");

    /** A plugin worker posting a run's results: {@code /diagnostics/runs/<id>/plugins/<plugin>/results}. */
    private static final Pattern RESULT_UPLOAD = Pattern.compile("/diagnostics/runs/[^/]+/plugins/[^/]+/results");

    private RouteScopes() {
    }

    /** The scope needed, or empty when the path is open to anyone. */
    public static Optional<Scope> required(String method, String path) {
        if (path.startsWith("/q/health") || path.equals("/-/healthy") || path.equals("/-/ready")) {
            return Optional.empty();
        }
        if (method.equals("POST") && RESULT_UPLOAD.matcher(path).matches()) {
            return Optional.empty(); // the diagnostics service checks the run's own upload token (or an admin token) itself
        }
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        for (String p : ADMIN_PREFIXES) {
            if (path.startsWith(p)) {
                // listing silences or runs is a read; creating, changing or deleting them is not. Deletion
                // requests are admin's alone: their queries name what is being scrubbed
                return Optional.of(reads && !p.equals("/-/reload") && !p.equals("/internal/") && !p.equals("/loki/api/v1/delete")
                        ? Scope.READ : Scope.ADMIN);
            }
        }
        if (!reads && (WRITE_PATHS.contains(path) || path.equals("/api/v2/alerts") || path.equals("/api/v1/alerts"))) {
            return Optional.of(Scope.WRITE);
        }
        return Optional.of(Scope.READ);
    }
}
