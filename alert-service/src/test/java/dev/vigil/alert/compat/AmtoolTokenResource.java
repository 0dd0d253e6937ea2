package dev.vigil.alert.compat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Authentication on for the amtool test: amtool sends {@link #TOKEN} through the HTTP client
 * configuration file of {@code --http.config.file}, as an operator's amtool would.
 */
public class AmtoolTokenResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "amtool-s3cret";

    @Override
    public Map<String, String> start() {
        return Map.of("vigil.auth.tokens", TOKEN);
    }

    @Override
    public void stop() {
    }
}
