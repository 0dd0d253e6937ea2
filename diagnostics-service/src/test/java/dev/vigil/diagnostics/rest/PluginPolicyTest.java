package dev.vigil.diagnostics.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A run whose plugin asks for privileges is refused with 403 and the reasons, before anything is created. */
@QuarkusTest
@TestProfile(NoClusterTest.NoCluster.class)
class PluginPolicyTest {
    private static String plugin(String file) throws IOException {
        try (InputStream in = PluginPolicyTest.class.getResourceAsStream("/sonobuoy/plugins/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void privilegedHostPidOrHostPathPluginsAre403() throws IOException {
        ObjectMapper json = new ObjectMapper();
        given().contentType("application/json")
                .body(json.writeValueAsString(Map.of("plugins", List.of(plugin("systemd-logs.yaml")))))
                .post("/diagnostics/runs").then().statusCode(403)
                .body("error", containsString("plugin systemd-logs asks for container systemd-logs: privileged"))
                .body("error", containsString("vigil.diagnostics.approved-privileged-plugins"));
        given().contentType("application/json")
                .body(json.writeValueAsString(Map.of("plugins", List.of(plugin("kube-bench-plugin.yaml")))))
                .post("/diagnostics/runs").then().statusCode(403)
                .body("error", containsString("hostPID")).body("error", containsString("hostPath volume"));
        given().get("/diagnostics/runs").then().statusCode(200).body("size()", equalTo(0));
    }
}
