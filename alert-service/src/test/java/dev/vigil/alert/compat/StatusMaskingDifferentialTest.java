package dev.vigil.alert.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alert.config.am.SecretMasking;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code /api/v2/status} hides, against Alertmanager 0.25 itself: the real Alertmanager is
 * given a configuration, and every value it shows as {@code <secret>} that the configuration set
 * must be {@code <secret>} in Vigil's answer too (Vigil may hide more: webhook URLs and VictorOps
 * routing keys, which often carry a token, and SNS access keys). Over Alertmanager's own sample
 * configuration and one with every secret field 0.25 has.
 */
class StatusMaskingDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager-example.yml", "alertmanager-all-secrets.yml"})
    void vigilHidesEverySecretAlertmanagerHides(String resource) throws Exception {
        JsonNode config = YAML.readTree(resource(resource));
        // Alertmanager 0.25 has no Microsoft Teams receiver (0.26 added it): leave it out for the reference
        config.path("receivers").forEach(r -> ((ObjectNode) r).remove("msteams_configs"));
        Path file = dir.resolve("alertmanager.yml");
        YAML.writeValue(file.toFile(), config);
        String text = Files.readString(file);

        JsonNode theirs;
        int port = freePort();
        try (PeerProcess am = PeerProcess.alertmanager(port, file, dir.resolve("am"))) {
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v2/status")).build(), HttpResponse.BodyHandlers.ofString());
            theirs = YAML.readTree(JSON.readTree(status.body()).path("config").path("original").asText());
        }
        JsonNode ours = YAML.readTree(SecretMasking.mask(text));

        List<String> checked = new ArrayList<>();
        compare(theirs, config, ours, "", checked);
        // the sample: the SMTP password and three PagerDuty keys; the other: every kind 0.25 has
        // (a bearer_token comes back as authorization credentials, so it is not compared by path)
        assertTrue(checked.size() >= (resource.contains("example") ? 4 : 20), "secrets compared: " + checked);
        if (!resource.contains("example")) {
            assertFalse(SecretMasking.mask(text).contains("SECRET"), "a secret shown by Vigil");
        }
    }

    /** Walks Alertmanager's answer; where it shows {@code <secret>} for a value the input set, Vigil's must too. */
    private static void compare(JsonNode theirs, JsonNode input, JsonNode ours, String path, List<String> checked) {
        if (theirs.isTextual() && theirs.asText().equals("<secret>") && input.isValueNode() && !input.asText().isEmpty()) {
            assertEquals("<secret>", ours.asText(), path + " is hidden by Alertmanager, shown by Vigil");
            checked.add(path);
        } else if (theirs.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = theirs.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(e.getValue(), input.path(e.getKey()), ours.path(e.getKey()), path + "/" + e.getKey(), checked);
            }
        } else if (theirs instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                compare(a.get(i), input.path(i), ours.path(i), path + "/" + i, checked);
            }
        }
    }


    private static String resource(String name) throws IOException {
        try (InputStream in = StatusMaskingDifferentialTest.class.getResourceAsStream("/secrets/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
