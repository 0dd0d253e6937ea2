package dev.vigil.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication for every HTTP route of the service it is in, before any route runs (REST
 * resources, WebSockets, internal endpoints, routes added later alike, so none can be
 * forgotten). On when tokens are configured: {@code vigil.auth.tokens} (comma-separated) and/or
 * {@code vigil.auth.tokens-file} (one {@code <token> [read|write|admin ...]} per line, e.g. a
 * mounted Kubernetes Secret). A request without a valid token gets 401, one whose token lacks
 * the route's scope ({@link RouteScopes}) 403, both in the error shape of the API it called.
 */
@ApplicationScoped
public class ApiAuthFilter {
    private static final Logger LOG = Logger.getLogger(ApiAuthFilter.class);
    /** Before every route of the application (Quarkus' own start at 0 and above). */
    static final int ORDER = -1_000;

    private final ApiTokens tokens;

    public ApiAuthFilter(@ConfigProperty(name = "vigil.auth.tokens") Optional<String> inline,
                         @ConfigProperty(name = "vigil.auth.tokens-file") Optional<String> file) {
        this.tokens = ApiTokens.configured(inline, file);
    }

    void register(@Observes Router router) {
        if (!tokens.enabled()) {
            LOG.info("API authentication is off: no vigil.auth.tokens or vigil.auth.tokens-file");
            return;
        }
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Optional<Scope> needed = RouteScopes.required(ctx.request().method().name(), path);
        if (needed.isEmpty()) {
            ctx.next();
            return;
        }
        Optional<Set<Scope>> granted = tokens.scopes(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (granted.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
            deny(ctx, 401, "unauthorized", "authentication required: send Authorization: Bearer <token>");
        } else if (!granted.get().contains(needed.get())) {
            deny(ctx, 403, "forbidden", "the token lacks the " + needed.get().name().toLowerCase(Locale.ROOT)
                    + " scope this request needs");
        } else {
            ctx.next();
        }
    }

    /** The refusal in the shape of the API called: Loki's, Alertmanager's (a JSON string) or Prometheus'. */
    private static void deny(RoutingContext ctx, int status, String type, String message) {
        String path = ctx.normalizedPath();
        String body;
        if (path.startsWith("/loki/")) {
            body = "{\"code\":" + status + ",\"status\":\"error\",\"message\":\"" + message + "\"}";
        } else if (path.startsWith("/api/v2/") || path.startsWith("/-/")) {
            body = "\"" + message + "\"";
        } else {
            body = "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
