package dev.vigil.auth;

import java.util.List;
import java.util.Optional;

/**
 * The scope each request needs, from its method and path, for every service's API: state changes
 * ({@code /-/reload}, silences, diagnostics runs, the services' internal endpoints) need
 * {@code admin}; ingest (remote write, Loki push, OTLP, posting alerts) needs {@code write};
 * everything else, queries POSTed as forms included, {@code read}. Health checks need nothing, so
 * Kubernetes probes work without a token.
 */
public final class RouteScopes {
    private static final List<String> ADMIN_PREFIXES = List.of("/-/reload", "/api/v2/silence", "/diagnostics/runs", "/internal/");
    private static final List<String> WRITE_PATHS = List.of("/api/v1/write", "/loki/api/v1/push", "/v1/metrics", "/v1/logs",
            "/api/v1/otlp/v1/metrics", "/otlp/v1/logs");

    private RouteScopes() {
    }

    /** The scope needed, or empty when the path is open to anyone. */
    public static Optional<Scope> required(String method, String path) {
        if (path.startsWith("/q/health") || path.equals("/-/healthy") || path.equals("/-/ready")) {
            return Optional.empty();
        }
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        for (String p : ADMIN_PREFIXES) {
            if (path.startsWith(p)) {
                // listing silences or runs is a read; creating, changing or deleting them is not
                return Optional.of(reads && !p.equals("/-/reload") && !p.equals("/internal/") ? Scope.READ : Scope.ADMIN);
            }
        }
        if (!reads && (WRITE_PATHS.contains(path) || path.equals("/api/v2/alerts") || path.equals("/api/v1/alerts"))) {
            return Optional.of(Scope.WRITE);
        }
        return Optional.of(Scope.READ);
    }
}
