package dev.vigil.alert.compat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the alert service at the compat alertmanager.yml (copied to a file amtool can read too)
 * and no rules, with authentication on: amtool sends {@link #TOKEN} through the HTTP client
 * configuration file of {@code --http.config.file}, as an operator's amtool would.
 */
public class AmtoolConfigResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "amtool-s3cret";

    @Override
    public Map<String, String> start() {
        try (InputStream in = AmtoolConfigResource.class.getResourceAsStream("/compat/alertmanager.yml")) {
            Path file = Files.createTempFile("vigil-compat-alertmanager", ".yml");
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("WEBHOOK_URL", "http://127.0.0.1:1/unused"));
            Path http = Files.createTempFile("vigil-compat-amtool-http", ".yml");
            Files.writeString(http, "authorization:\n  type: Bearer\n  credentials: " + TOKEN + "\n");
            return Map.of("vigil.alert.config-file", file.toString(), "vigil.auth.tokens", TOKEN,
                    "vigil.compat.amtool-http-config", http.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
