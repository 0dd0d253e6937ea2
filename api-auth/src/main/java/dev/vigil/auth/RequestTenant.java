package dev.vigil.auth;

import dev.vigil.model.tenant.Tenants;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant the current HTTP request acts for. {@link ApiAuthFilter} has settled
 * {@code X-Scope-OrgID} before any resource runs (removed with tenancy off, set from a
 * tenant-bound token, refused when missing or invalid), so reading it here is safe.
 */
@ApplicationScoped
public class RequestTenant {
    private final CurrentVertxRequest current;

    public RequestTenant(CurrentVertxRequest current) {
        this.current = current;
    }

    public String get() {
        return Tenants.of(current.getCurrent().request().getHeader(Tenants.HEADER));
    }
}
