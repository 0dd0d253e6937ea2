package dev.vigil.logs.delete;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loki's deletion API through the real broker: a request leaves the lines it selects out of log
 * and metric queries at once, is listed as Loki lists it, and can be cancelled, after which the
 * lines answer again (nothing was rewritten).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DeleteApiTest {
    private final long t = (System.currentTimeMillis() - 60_000) * 1_000_000L;

    private void push(String job, String... lines) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            values.append(i == 0 ? "" : ",").append("[\"").append(t + i * 1_000_000_000L).append("\",\"").append(lines[i]).append("\"]");
        }
        given().contentType("application/json").body("{\"streams\":[{\"stream\":{\"job\":\"" + job + "\"},\"values\":[" + values + "]}]}")
                .post("/loki/api/v1/push").then().statusCode(204);
    }

    private List<String> lines(String selector) {
        return given().queryParam("query", selector).queryParam("start", t - 1).queryParam("end", t + 10_000_000_000L)
                .queryParam("direction", "forward").get("/loki/api/v1/query_range").then().statusCode(200)
                .extract().path("data.result.collect { it.values.collect { v -> v[1] } }.flatten()");
    }

    @Test
    void aDeletionRequestHidesTheLinesItSelectsUntilItIsCancelled() {
        push("del-app", "login ok", "token=secret1", "logout", "token=secret2");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines("{job=\"del-app\"}").size() == 4);

        given().queryParam("query", "{job=\"del-app\"} |= \"secret\"").queryParam("start", Long.toString(t / 1_000_000_000L - 10))
                .post("/loki/api/v1/delete").then().statusCode(204);
        assertEquals(List.of("login ok", "logout"), lines("{job=\"del-app\"}"), "deleted at once, for its author's next query");
        given().queryParam("query", "sum(count_over_time({job=\"del-app\"}[5m]))").queryParam("time", Long.toString(t + 5_000_000_000L))
                .get("/loki/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("2"));

        String id = given().get("/loki/api/v1/delete").then().statusCode(200)
                .body("find { it.query == '{job=\"del-app\"} |= \"secret\"' }.status", equalTo("received"))
                .extract().path("find { it.query == '{job=\"del-app\"} |= \"secret\"' }.request_id");
        String list = given().get("/loki/api/v1/delete").then().extract().asString();
        java.util.regex.Matcher created = java.util.regex.Pattern.compile("\"request_id\":\"" + id + "\".*?\"created_at\":([0-9.]+)").matcher(list);
        assertTrue(created.find(), list);
        assertEquals(Instant.now().getEpochSecond(), new java.math.BigDecimal(created.group(1)).longValue(), 60, "created_at is Unix seconds");

        given().queryParam("request_id", id).delete("/loki/api/v1/delete").then().statusCode(204);
        assertEquals(4, lines("{job=\"del-app\"}").size(), "a cancelled request deletes nothing");
        given().get("/loki/api/v1/delete").then().statusCode(200).body("findAll { it.request_id == '" + id + "' }", hasSize(0));
    }

    @Test
    void anotherStreamAndLinesOutsideTheRangeAreKept() {
        push("del-kept", "secret but kept");
        push("del-other", "secret here");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines("{job=~\"del-kept|del-other\"}").size() == 2);
        // the range ends before the lines: nothing of del-kept goes
        given().queryParam("query", "{job=\"del-kept\"}").queryParam("start", "2020-01-01T00:00:00Z").queryParam("end", "2020-01-02T00:00:00Z")
                .post("/loki/api/v1/delete").then().statusCode(204);
        given().queryParam("query", "{job=\"del-other\"}").queryParam("start", "0").put("/loki/api/v1/delete").then().statusCode(204);
        assertEquals(List.of("secret but kept"), lines("{job=~\"del-kept|del-other\"}"));
    }

    @Test
    void badRequestsAreRefusedAsLokiRefusesThem() {
        given().queryParam("start", "0").post("/loki/api/v1/delete").then().statusCode(400).body("message", containsString("query not set"));
        given().queryParam("query", "{job=\"x\"}").post("/loki/api/v1/delete").then().statusCode(400)
                .body("message", containsString("start time not set"));
        given().queryParam("query", "rate({job=\"x\"}[1m])").queryParam("start", "0").post("/loki/api/v1/delete").then().statusCode(400)
                .body("message", containsString("invalid query expression"));
        given().queryParam("query", "{job=").queryParam("start", "0").post("/loki/api/v1/delete").then().statusCode(400);
        given().queryParam("query", "{job=\"x\"}").queryParam("start", "100").queryParam("end", "50").post("/loki/api/v1/delete")
                .then().statusCode(400).body("message", containsString("start time can't be greater than end time"));
        given().queryParam("query", "{job=\"x\"}").queryParam("start", "0").queryParam("end", Long.toString(Instant.now().getEpochSecond() + 3600))
                .post("/loki/api/v1/delete").then().statusCode(400).body("message", containsString("deletes in the future are not allowed"));
        given().queryParam("query", "{job=\"x\"}").queryParam("start", "yesterday").post("/loki/api/v1/delete").then().statusCode(400)
                .body("message", containsString("invalid start time: require unix seconds or RFC3339 format"));
        // milliseconds by mistake would reach back to 1970: refused
        given().queryParam("query", "{job=\"x\"}").queryParam("start", "1700000000000").post("/loki/api/v1/delete").then().statusCode(400)
                .body("message", containsString("invalid start time"));
        given().queryParam("query", "{job=\"x\"}").queryParam("start", "0").queryParam("max_interval", "500ms").post("/loki/api/v1/delete")
                .then().statusCode(400).body("message", containsString("invalid max_interval"));
        given().delete("/loki/api/v1/delete").then().statusCode(400).body("message", containsString("missing request_id"));
        given().queryParam("request_id", "nope").delete("/loki/api/v1/delete").then().statusCode(404);
    }
}
