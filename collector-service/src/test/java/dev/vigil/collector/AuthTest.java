package dev.vigil.collector;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** With tokens configured the collector's HTTP routes need one too; its health checks stay open for kubelet probes. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(AuthTest.Tokens.class)
class AuthTest {
    public static class Tokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.auth.tokens", "scraper-token read");
        }
    }

    @Test
    void routesNeedATokenAndHealthDoesNot() {
        given().get("/q/metrics").then().statusCode(401);
        given().get("/a/route/added/later").then().statusCode(401);
        given().header("Authorization", "Bearer scraper-token").get("/q/metrics").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(not(equalTo(401))).body("status", notNullValue()); // the health JSON, UP or (while Streams starts) DOWN
    }
}
