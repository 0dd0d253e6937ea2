package dev.vigil.alert.rest;

import dev.vigil.alert.compat.AmtoolConfigResource;
import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** With tokens configured every route of the alert service needs one: 401 as a JSON string, as Alertmanager answers. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = AmtoolConfigResource.class, restrictToAnnotatedClass = true)
@TestProfile(AuthTest.Tokens.class)
class AuthTest {
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.auth.tokens", "admin-token, grafana-token read, prometheus-token write");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v2/alerts", "POST, /api/v2/alerts", "GET, /api/v2/alerts/groups", "GET, /api/v2/silences",
            "POST, /api/v2/silences", "DELETE, /api/v2/silence/x", "GET, /api/v2/status", "GET, /api/v2/receivers",
            "GET, /api/v1/rules", "GET, /api/v1/alerts", "POST, /-/reload", "GET, /q/metrics", "GET, /a/route/added/later"})
    void everyRouteNeedsAToken(String method, String path) {
        given().request(method, path).then().statusCode(401);
    }

    @Test
    void scopesDecide() {
        given().get("/api/v2/status").then().statusCode(401).body(startsWith("\"authentication required"));
        // the served configuration hides its webhook URL (a secret, as it may carry a token)
        given().header("Authorization", "Bearer grafana-token").get("/api/v2/status").then().statusCode(200)
                .body("config.original", containsString("url: <secret>"))
                .body("config.original", not(containsString("127.0.0.1:1/unused")));
        given().header("Authorization", "Bearer grafana-token").post("/-/reload").then().statusCode(403);
        given().header("Authorization", "Bearer prometheus-token").contentType("application/json").body("[]")
                .post("/api/v2/alerts").then().statusCode(200);
        given().header("Authorization", "Bearer prometheus-token").contentType("application/json").body("{}")
                .post("/api/v2/silences").then().statusCode(403);
        given().get("/-/healthy").then().statusCode(200);
    }
}
