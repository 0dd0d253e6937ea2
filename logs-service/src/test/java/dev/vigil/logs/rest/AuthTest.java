package dev.vigil.logs.rest;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With tokens configured every route of the logs service needs one: 401 in Loki's error shape, 403 without the scope. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(AuthTest.Tokens.class)
class AuthTest {
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.auth.tokens", "admin-token, grafana-token read, promtail-token write");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /loki/api/v1/query", "GET, /loki/api/v1/query_range", "GET, /loki/api/v1/labels",
            "GET, /loki/api/v1/label/job/values", "GET, /loki/api/v1/series", "GET, /loki/api/v1/index/stats",
            "GET, /loki/api/v1/status/buildinfo", "GET, /loki/api/v1/tail", "POST, /loki/api/v1/push",
            "POST, /internal/logs/streams", "GET, /q/metrics", "GET, /a/route/added/later"})
    void everyRouteNeedsAToken(String method, String path) {
        if (path.startsWith("/loki/")) {
            given().request(method, path).then().statusCode(401).body("code", equalTo(401)).body("status", equalTo("error"));
        } else {
            given().request(method, path).then().statusCode(401);
        }
    }

    @Test
    void aLiveTailNeedsATokenToo() {
        URI uri = URI.create("ws://localhost:" + RestAssured.port + TailRoute.PATH + "?query="
                + URLEncoder.encode("{job=\"x\"}", StandardCharsets.UTF_8));
        CompletionException e = assertThrows(CompletionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Messages()).join());
        assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer grafana-token")
                .buildAsync(uri, new Messages()).join();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void scopesDecide() {
        given().header("Authorization", "Bearer grafana-token").get("/loki/api/v1/status/buildinfo").then().statusCode(200);
        given().header("Authorization", "Bearer grafana-token").contentType("application/json").body("{}")
                .post("/loki/api/v1/push").then().statusCode(403);
        given().header("Authorization", "Bearer promtail-token").contentType("application/json").body("{\"streams\":[]}")
                .post("/loki/api/v1/push").then().statusCode(204);
        given().get("/q/health/live").then().statusCode(not(equalTo(401))).body("status", notNullValue()); // the health JSON, UP or (while Streams starts) DOWN
    }
}
