package dev.vigil.auth;

import dev.vigil.model.tenant.Tenants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
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
 *
 * <p>It also settles the request's tenant, so that the APIs behind it can trust
 * {@code X-Scope-OrgID}: with {@code vigil.auth.multitenancy-enabled} off the header is removed
 * (every request is the default tenant's); on, a token bound to a tenant sets it (naming another
 * is 403), any other request must name one (401 "no org id", as Loki answers). The internal
 * endpoints carry the tenant in what they are asked and need none.
 */
@ApplicationScoped
public class ApiAuthFilter {
    private static final Logger LOG = Logger.getLogger(ApiAuthFilter.class);
    /** Before every route of the application (Quarkus' own start at 0 and above). */
    static final int ORDER = -1_000;

    private final ApiTokens tokens;
    private final boolean multitenancy;

    public ApiAuthFilter(@ConfigProperty(name = "vigil.auth.tokens") Optional<String> inline,
                         @ConfigProperty(name = "vigil.auth.tokens-file") Optional<String> file,
                         @ConfigProperty(name = "vigil.auth.multitenancy-enabled", defaultValue = "false") boolean multitenancy) {
        this.tokens = ApiTokens.configured(inline, file);
        this.multitenancy = multitenancy;
    }

    /** Whether API tokens are configured (authentication is on). */
    public boolean authenticating() {
        return tokens.enabled();
    }

    /** What an {@code Authorization} header value grants, for an endpoint that checks a credential itself. */
    public Optional<ApiTokens.Grant> grant(String authorization) {
        return tokens.grant(authorization);
    }

    void register(@Observes Router router) {
        if (!tokens.enabled()) {
            LOG.info("API authentication is off: no vigil.auth.tokens or vigil.auth.tokens-file");
        }
        LOG.infof("multi-tenancy is %s (vigil.auth.multitenancy-enabled)", multitenancy ? "on" : "off");
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Optional<Scope> needed = RouteScopes.required(ctx.request().method().name(), path);
        if (needed.isEmpty()) {
            ctx.next();
            return;
        }
        ApiTokens.Grant grant = new ApiTokens.Grant(Set.of(Scope.values()), Optional.empty());
        if (tokens.enabled()) {
            Optional<ApiTokens.Grant> granted = tokens.grant(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            if (granted.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
                deny(ctx, 401, "unauthorized", "authentication required: send Authorization: Bearer <token>");
                return;
            }
            if (!granted.get().scopes().contains(needed.get())) {
                deny(ctx, 403, "forbidden", "the token lacks the " + needed.get().name().toLowerCase(Locale.ROOT)
                        + " scope this request needs");
                return;
            }
            grant = granted.get();
        }
        if (settleTenant(ctx, path, grant)) {
            ctx.next();
        }
    }

    /** Leaves in {@code X-Scope-OrgID} the tenant the request acts for; false when it was refused. */
    private boolean settleTenant(RoutingContext ctx, String path, ApiTokens.Grant grant) {
        MultiMap headers = ctx.request().headers();
        if (!multitenancy) {
            headers.remove(Tenants.HEADER);
            return true;
        }
        if (path.startsWith("/internal/") || path.startsWith("/q/") || path.startsWith("/-/")) {
            return true;
        }
        String named = headers.get(Tenants.HEADER);
        if (grant.tenant().isPresent()) {
            String bound = grant.tenant().get();
            if (named != null && !named.equals(bound)) {
                deny(ctx, 403, "forbidden", "the token is for another tenant than " + Tenants.HEADER + " names");
                return false;
            }
            headers.set(Tenants.HEADER, bound);
            return true;
        }
        if (named == null || named.isBlank()) {
            deny(ctx, 401, "unauthorized", "no org id");
            return false;
        }
        try {
            Tenants.of(named);
        } catch (IllegalArgumentException e) {
            deny(ctx, 400, "bad_data", e.getMessage());
            return false;
        }
        return true;
    }

    /** The refusal in the shape of the API called: Loki's, Alertmanager's (a JSON string) or Prometheus'. */
    private static void deny(RoutingContext ctx, int status, String type, String message) {
        String path = ctx.normalizedPath();
        String quoted = Json.encode(message); // a refused tenant ID is the sender's text
        String body;
        if (path.startsWith("/loki/")) {
            body = "{\"code\":" + status + ",\"status\":\"error\",\"message\":" + quoted + "}";
        } else if (path.startsWith("/api/v2/") || path.startsWith("/-/")) {
            body = quoted;
        } else {
            body = "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":" + quoted + "}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
