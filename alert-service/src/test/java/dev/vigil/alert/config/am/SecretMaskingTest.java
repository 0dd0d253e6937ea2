package dev.vigil.alert.config.am;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/status shows alertmanager.yml with every secret as <secret>, as Alertmanager does. */
class SecretMaskingTest {
    private static String config() throws IOException {
        try (InputStream in = SecretMaskingTest.class.getResourceAsStream("/secrets/alertmanager-all-secrets.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void noSecretOfAConfigThatHasThemAllIsShown() throws IOException {
        String masked = SecretMasking.mask(config());
        assertFalse(masked.contains("SECRET"), masked);
        assertEquals(29, masked.split("<secret>", -1).length - 1, masked); // every secret field, and three webhook URLs
    }

    @Test
    void whatIsNotSecretStaysAndTheResultIsTheSameConfig() throws IOException {
        String masked = SecretMasking.mask(config());
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(masked);
        assertEquals("alerts", node.path("global").path("smtp_auth_username").asText());
        assertEquals("https://api.opsgenie.com/", node.path("receivers").get(0).path("opsgenie_configs").get(0).path("api_url").asText(),
                "an Opsgenie API URL is not a secret; a Slack one is");
        assertEquals("<secret>", node.path("receivers").get(0).path("slack_configs").get(0).path("api_url").asText());
        assertEquals("#alerts", node.path("receivers").get(0).path("slack_configs").get(0).path("channel").asText());
        assertTrue(masked.contains("receiver: everything"), masked);
    }

    @Test
    void aFileThatDoesNotParseIsNotShown() {
        assertEquals("", SecretMasking.mask("global: [unclosed\n  smtp_auth_password: SECRET"));
    }
}
