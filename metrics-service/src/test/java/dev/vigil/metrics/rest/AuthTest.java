package dev.vigil.metrics.rest;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * With tokens configured every route of the metrics service needs one, with the right scope:
 * 401 without (in Prometheus' error shape), 403 with too little, health checks open.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(AuthTest.Tokens.class)
class AuthTest {
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.auth.tokens", "admin-token, grafana-token read, prometheus-token write");
        }
    }

    /** Every route the service registers, and one added later: none answers without a token. */
    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/query?query=1", "POST, /api/v1/query", "GET, /api/v1/query_range", "GET, /api/v1/series",
            "GET, /api/v1/labels", "GET, /api/v1/label/job/values", "GET, /api/v1/metadata", "GET, /api/v1/query_exemplars",
            "GET, /api/v1/format_query", "GET, /api/v1/status/buildinfo", "POST, /api/v1/write", "POST, /internal/v1/select",
            "GET, /q/metrics", "GET, /a/route/added/later"})
    void everyRouteNeedsAToken(String method, String path) {
        given().request(method, path).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"vigil\"")
                .body("status", equalTo("error")).body("errorType", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong-token").request(method, path).then().statusCode(401);
    }

    @Test
    void aTokenWithTheScopeGetsThrough() {
        given().header("Authorization", "Bearer grafana-token").queryParam("query", "1").get("/api/v1/query")
                .then().statusCode(200).body("status", equalTo("success"));
        given().auth().preemptive().basic("grafana", "grafana-token").queryParam("query", "1").get("/api/v1/query")
                .then().statusCode(200);
        given().header("Authorization", "Bearer admin-token").queryParam("query", "1").get("/api/v1/query").then().statusCode(200);
        // past authentication, the body is judged: an empty remote write is a 400, not a 401
        given().header("Authorization", "Bearer prometheus-token").body(new byte[0]).post("/api/v1/write").then().statusCode(400);
    }

    @Test
    void aTokenWithoutTheScopeIs403() {
        given().header("Authorization", "Bearer grafana-token").body(new byte[0]).post("/api/v1/write")
                .then().statusCode(403).body("errorType", equalTo("forbidden"));
        given().header("Authorization", "Bearer prometheus-token").queryParam("query", "1").get("/api/v1/query").then().statusCode(403);
        given().header("Authorization", "Bearer grafana-token").body(new byte[0]).post("/internal/v1/select").then().statusCode(403);
    }

    @Test
    void healthChecksAreOpenForKubernetesProbes() {
        given().get("/q/health/live").then().statusCode(not(equalTo(401))).body("status", notNullValue()); // the health JSON, UP or (while Streams starts) DOWN
        given().get("/q/health/ready").then().statusCode(not(equalTo(401))).body("status", notNullValue()); // the health JSON, UP or (while Streams starts) DOWN
    }
}
