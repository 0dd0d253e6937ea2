package dev.vigil.alert.rest;

import dev.vigil.alert.compat.AmtoolConfigResource;
import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.fuzz.Fuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alertmanager v2 API bodies derived from valid ones by random edits ({@link Fuzz}), posted to the
 * running service: every answer is 200 or a 4xx, never a 5xx, and the service stays live.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = AmtoolConfigResource.class, restrictToAnnotatedClass = true)
class V2ApiFuzzTest {
    private static final String ALPHABET = "{}[]\",:-0123456789 TZaez=~!.*()\\";
    private static final List<String> TOKENS = List.of("\"labels\"", "\"annotations\"", "\"startsAt\"", "\"endsAt\"", "\"matchers\"",
            "\"isRegex\":true", "\"isEqual\":false", "null", "1e400", "\"(?=x)\"", "\"((\"", "\"2026-13-45T99:99:99Z\"", "[]", "{}",
            "\"bad label!\"", "\"9999-12-31T23:59:59Z\"", "\"-1\"");

    @TestHTTPResource("/api/v2/alerts")
    URI alerts;
    @TestHTTPResource("/api/v2/silences")
    URI silences;

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(URI uri, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void fuzz(URI uri, long seed, List<String> seeds) {
        int ok = Fuzz.check(Fuzz.strings(seed, seeds, ALPHABET, TOKENS, Fuzz.INPUTS / 2), Fuzz::show, body -> {
            int status = post(uri, body);
            if (status >= 500 || status < 200) {
                throw new AssertionError(uri.getPath() + " answered " + status);
            }
            return status == 200;
        });
        assertTrue(ok >= 100, uri.getPath() + ": many bodies must be accepted: " + ok);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void editedAlertBodiesAreNever5xx() {
        fuzz(alerts, 53, List.of(
                "[{\"labels\":{\"alertname\":\"Fuzz\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"s\"},"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"generatorURL\":\"http://x\"}]",
                "[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"B\",\"os\":\"windows\"}}]"));
    }

    @Test
    void editedSilenceBodiesAreNever5xx() {
        fuzz(silences, 59, List.of(
                "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"Fuzz.*\",\"isRegex\":true,\"isEqual\":true}],"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"f\",\"comment\":\"c\"}",
                "{\"matchers\":[{\"name\":\"job\",\"value\":\"x\"}],\"startsAt\":\"2026-01-01T00:00:00Z\","
                        + "\"endsAt\":\"2027-01-01T00:00:00Z\",\"createdBy\":\"f\",\"comment\":\"c\"}"));
    }
}
