package dev.vigil.alert.rest;

import dev.vigil.alert.compat.AmtoolConfigResource;
import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * Bad query parameters of the v2 API are answered as Alertmanager answers them, 400 with the
 * reason as a JSON string, and the service goes on (these were 500s: an unmapped
 * PatternSyntaxException and ConfigException).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = AmtoolConfigResource.class, restrictToAnnotatedClass = true)
class V2ApiBadInputTest {
    @Test
    void aReceiverThatIsNotARegexIs400() {
        given().queryParam("receiver", "(").get("/api/v2/alerts")
                .then().statusCode(400).contentType("application/json")
                .body(startsWith("\"failed to parse receiver param: "));
        given().get("/api/v2/alerts").then().statusCode(200);
    }

    @Test
    void aFilterThatIsNotAMatcherIs400OnAlertsAndSilences() {
        given().queryParam("filter", "{bad").get("/api/v2/alerts")
                .then().statusCode(400).contentType("application/json").body(startsWith("\"bad matcher format: "));
        given().queryParam("filter", "{bad").get("/api/v2/silences")
                .then().statusCode(400).contentType("application/json").body(startsWith("\"bad matcher format: "));
        given().get("/api/v2/silences").then().statusCode(200);
    }

    @Test
    void regexesRe2RejectsAre400WithGosReason() {
        given().queryParam("receiver", "a(?=b)").get("/api/v2/alerts")
                .then().statusCode(400).contentType("application/json")
                .body(containsString("invalid or unsupported Perl syntax"));
        given().queryParam("filter", "{a=~\"(?!b)\"}").get("/api/v2/silences")
                .then().statusCode(400).contentType("application/json")
                .body(containsString("invalid or unsupported Perl syntax"));
        String silence = """
                {"matchers":[{"name":"job","value":"x(?=y)","isRegex":true}],
                 "startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"t","comment":"c"}""";
        given().contentType("application/json").body(silence).post("/api/v2/silences")
                .then().statusCode(400).body(containsString("invalid or unsupported Perl syntax"));
        given().get("/api/v2/silences").then().statusCode(200);
    }

    @Test
    void anAlertWithAnInvalidLabelNameIs400() {
        given().contentType("application/json").body("[{\"labels\":{\"bad label!\":\"x\"}}]").post("/api/v2/alerts")
                .then().statusCode(400).body(containsString("invalid label set: invalid name \\\"bad label!\\\""));
        given().contentType("application/json").body("[{\"labels\":{\"a\":\"x\"},\"annotations\":{\"1x\":\"y\"}}]").post("/api/v2/alerts")
                .then().statusCode(400).body(containsString("invalid annotations"));
        given().get("/api/v2/alerts").then().statusCode(200);
    }
}
