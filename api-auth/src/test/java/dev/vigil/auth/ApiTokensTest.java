package dev.vigil.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokensTest {
    private final ApiTokens tokens = ApiTokens.parse("""
            # rotation: old and new admin tokens are both valid for a while
            s3cret-old
            s3cret-new admin read write
            grafana-token read
            promtail-token write
            """);

    @Test
    void bearerAndBasicCarryTheToken() {
        assertEquals(Optional.of(EnumSet.allOf(Scope.class)), tokens.scopes("Bearer s3cret-old"));
        assertEquals(Optional.of(EnumSet.allOf(Scope.class)), tokens.scopes("bearer s3cret-new"));
        String basic = Base64.getEncoder().encodeToString("grafana:grafana-token".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(Set.of(Scope.READ)), tokens.scopes("Basic " + basic));
        assertEquals(Optional.of(Set.of(Scope.WRITE)), tokens.scopes("Bearer promtail-token"));
    }

    @Test
    void theFirstTokenWrittenIsTheOneAServiceSends() {
        assertEquals(Optional.of("s3cret-old"), tokens.first());
        assertEquals(Optional.of("b"), ApiTokens.parse("b read, a").first());
        assertEquals(Optional.empty(), ApiTokens.NONE.first());
    }

    @Test
    void aTokenMayBeBoundToOneTenant() {
        ApiTokens t = ApiTokens.parse("""
                team-a read write tenant=team-a
                operator admin
                """);
        assertEquals(Optional.of(new ApiTokens.Grant(EnumSet.of(Scope.READ, Scope.WRITE), Optional.of("team-a"))),
                t.grant("Bearer team-a"));
        assertEquals(Optional.empty(), t.grant("Bearer operator").orElseThrow().tenant());
        assertEquals(Optional.of("operator"), t.first(), "a service sends a token that may name any tenant");
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("x read tenant=a|b"));
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("x read tenant=a\nx write tenant=b"));
    }

    @Test
    void anythingElseGrantsNothing() {
        assertTrue(tokens.scopes(null).isEmpty());
        assertTrue(tokens.scopes("Bearer wrong").isEmpty());
        assertTrue(tokens.scopes("Bearer s3cret-ol").isEmpty());
        assertTrue(tokens.scopes("Token s3cret-old").isEmpty());
        assertTrue(tokens.scopes("Basic !!!not-base64").isEmpty());
        assertFalse(ApiTokens.NONE.enabled());
        assertTrue(ApiTokens.parse("a, b").enabled());
    }

    @Test
    void anUnknownScopeIsRefusedWhenConfigured() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("t root"));
        assertTrue(e.getMessage().contains("unknown scope \"root\""), e.getMessage());
    }

    @Test
    void routesNeedTheScopeOfWhatTheyDo() {
        assertEquals(Optional.empty(), RouteScopes.required("GET", "/q/health/ready"));
        assertEquals(Optional.empty(), RouteScopes.required("GET", "/-/healthy"));
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("GET", "/api/v1/query"));
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("POST", "/api/v1/query_range"), "a query POSTed as a form");
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("GET", "/loki/api/v1/tail"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("GET", "/loki/api/v1/delete"), "deletion queries name what is scrubbed");
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("POST", "/loki/api/v1/delete"), "deleting log lines");
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("PUT", "/loki/api/v1/delete"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("DELETE", "/loki/api/v1/delete"), "cancelling a deletion");
        assertEquals(Optional.of(Scope.WRITE), RouteScopes.required("POST", "/api/v1/write"));
        assertEquals(Optional.of(Scope.WRITE), RouteScopes.required("POST", "/loki/api/v1/push"));
        assertEquals(Optional.of(Scope.WRITE), RouteScopes.required("POST", "/api/v2/alerts"));
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("GET", "/api/v2/silences"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("POST", "/api/v2/silences"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("DELETE", "/api/v2/silence/abc"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("POST", "/-/reload"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("POST", "/diagnostics/runs"));
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("GET", "/diagnostics/runs/x/archive"));
        assertEquals(Optional.of(Scope.ADMIN), RouteScopes.required("POST", "/internal/v1/select"),
                "internal fan-out: a user's read token does not reach it");
        assertEquals(Optional.of(Scope.READ), RouteScopes.required("GET", "/some/route/added/later"));
    }
}
