package dev.vigil.diagnostics.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@TestProfile(NoClusterTest.NoCluster.class)
class NoClusterTest {

    /** An API server URL where nothing listens: what a laptop without a cluster looks like. */
    public static class NoCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // and no plugin approved for host access (the test configuration approves some)
            return Map.of("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1/",
                    "vigil.diagnostics.approved-privileged-plugins", "");
        }
    }

    @Test
    void withoutAClusterInventoryAnswers503WithOneLineNotAStackTrace() {
        given().get("/diagnostics/inventory").then().statusCode(503)
                .body("status", is("error"))
                .body("error", containsString("no Kubernetes cluster reachable"))
                .body("error", not(containsString("\n\tat ")));
    }
}
