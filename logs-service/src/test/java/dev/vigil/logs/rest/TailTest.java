package dev.vigil.logs.rest;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TailTest {

    @Test
    void aNewLineReachesALiveTailWithinOneSecondOfItsPush() throws Exception {
        long old = nowNanos() - 60_000_000_000L;
        push("tail-live", old, "before the tail opened");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{job=\"tail-live\"}").queryParam("start", old - 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].values[0][1]", equalTo("before the tail opened")));

        Messages messages = new Messages();
        WebSocket ws = open("{job=\"tail-live\"}", messages);
        try {
            String first = messages.next(10);
            assertTrue(first.contains("\"before the tail opened\""), first);
            assertTrue(first.contains("\"dropped_entries\":null"), first);
            assertTrue(first.contains("{\"job\":\"tail-live\"}"), first);

            push("tail-live", nowNanos(), "fresh line");
            long pushed = System.nanoTime();
            String next = messages.next(10);
            long millis = (System.nanoTime() - pushed) / 1_000_000;
            assertTrue(next.contains("\"fresh line\""), next);
            assertTrue(!next.contains("before the tail opened"), "an entry already sent came again: " + next);
            assertTrue(millis < 1000, "the pushed line reached the tail after " + millis + " ms");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aMetricQueryOrTooLongDelayIsRejectedWithLokisError() {
        given().queryParam("query", "count_over_time({job=\"x\"}[1m])").get(TailRoute.PATH)
                .then().statusCode(400).body("message", containsString("only log queries"));
        given().queryParam("query", "{job=\"x\"}").queryParam("delay_for", "6").get(TailRoute.PATH)
                .then().statusCode(400).body("message", containsString("delay_for can't be greater than 5"));
    }

    @Test
    void tailsBeyondMaxConcurrentAreRefusedUntilOneCloses() {
        List<WebSocket> tails = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                // an earlier test's socket may still be closing on the server: retry until the slot is free
                tails.add(await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> open("{job=\"tail-cap\"}", new Messages()), ws -> ws != null));
            }
            given().queryParam("query", "{job=\"x\"}").get(TailRoute.PATH).then().statusCode(400)
                    .body("message", containsString("max concurrent tail requests limit exceeded, count > limit (11 > 10)"));
        } finally {
            for (WebSocket ws : tails) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            }
        }
        WebSocket again = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> open("{job=\"tail-cap\"}", new Messages()), ws -> ws != null);
        again.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    private static void push(String job, long tNanos, String line) {
        given().contentType("application/json")
                .body("{\"streams\":[{\"stream\":{\"job\":\"" + job + "\"},\"values\":[[\"" + tNanos + "\",\"" + line + "\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(204);
    }

    private static WebSocket open(String query, Messages messages) {
        URI uri = URI.create("ws://localhost:" + RestAssured.port + TailRoute.PATH + "?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, messages).join();
    }

    private static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }
}
