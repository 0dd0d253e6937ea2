package dev.vigil.logs.rest;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tail ends after vigil.logs.tail.max-duration, and its start reaches back no further than max-lookback. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(TailLimitsTest.ShortTails.class)
class TailLimitsTest {
    public static class ShortTails implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.logs.tail.max-duration", "3s", "vigil.logs.tail.max-lookback", "2m");
        }
    }

    @Test
    void aTailStartsNoFurtherBackThanMaxLookbackAndEndsAfterMaxDuration() throws Exception {
        long now = System.currentTimeMillis() * 1_000_000L;
        push(now - 300_000_000_000L, "five minutes ago");
        push(now - 60_000_000_000L, "one minute ago");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{job=\"tail-limits\"}").queryParam("start", now - 400_000_000_000L)
                        .get("/loki/api/v1/query_range").then().statusCode(200).body("data.result[0].values.size()", equalTo(2)));

        Messages l = new Messages();
        long tenMinutesAgo = now - 600_000_000_000L;
        URI uri = URI.create("ws://localhost:" + RestAssured.port + TailRoute.PATH + "?query="
                + URLEncoder.encode("{job=\"tail-limits\"}", StandardCharsets.UTF_8) + "&start=" + tenMinutesAgo);
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, l).join();
        String first = l.next(10);
        assertTrue(first.contains("one minute ago"), first);
        assertFalse(first.contains("five minutes ago"), "start reached past max-lookback: " + first);
        assertEquals(1000, l.closed.get(15, TimeUnit.SECONDS), "the server closes the tail normally");
    }

    private static void push(long tNanos, String line) {
        given().contentType("application/json")
                .body("{\"streams\":[{\"stream\":{\"job\":\"tail-limits\"},\"values\":[[\"" + tNanos + "\",\"" + line + "\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(204);
    }
}
