package dev.vigil.diagnostics.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** With tokens configured every route of the diagnostics service needs one; starting a run needs admin. */
@QuarkusTest
@TestProfile(AuthTest.Tokens.class)
class AuthTest {
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.auth.tokens", "admin-token, viewer-token read",
                    "quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1/");
        }
    }

    @ParameterizedTest
    @CsvSource({"GET, /diagnostics/inventory", "GET, /diagnostics/runs", "POST, /diagnostics/runs", "GET, /diagnostics/runs/x",
            "GET, /diagnostics/runs/x/archive", "POST, /diagnostics/runs/x/plugins/p/results", "DELETE, /diagnostics/runs/x",
            "GET, /q/metrics", "GET, /a/route/added/later"})
    void everyRouteNeedsAToken(String method, String path) {
        given().request(method, path).then().statusCode(401);
    }

    /** A plugin worker holds only its run's upload token; a read token cannot post results, an admin token can. */
    @Test
    void resultsNeedTheRunsUploadTokenOrAdmin() {
        String upload = "/diagnostics/runs/f00d000009/plugins/p/results?node=n";
        given().header("Authorization", "Bearer viewer-token").body("x").post(upload).then().statusCode(401);
        given().header("Authorization", "Bearer admin-token").body("x").post(upload).then().statusCode(404); // past the check: no such run
    }

    @Test
    void startingARunNeedsAdmin() {
        given().header("Authorization", "Bearer viewer-token").contentType("application/json").body("{}")
                .post("/diagnostics/runs").then().statusCode(403);
        // past authentication: no cluster here, which is the service's own answer
        given().header("Authorization", "Bearer viewer-token").get("/diagnostics/inventory").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(not(equalTo(401))).body("status", notNullValue()); // the health JSON, UP or (while Streams starts) DOWN
    }
}
