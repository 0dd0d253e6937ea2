package dev.vigil.alert.compat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points the alert service at the compat alertmanager.yml (copied to a file amtool can read too) and no rules. */
public class AmtoolConfigResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try (InputStream in = AmtoolConfigResource.class.getResourceAsStream("/compat/alertmanager.yml")) {
            Path file = Files.createTempFile("vigil-compat-alertmanager", ".yml");
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("WEBHOOK_URL", "http://127.0.0.1:1/unused"));
            return Map.of("vigil.alert.config-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
