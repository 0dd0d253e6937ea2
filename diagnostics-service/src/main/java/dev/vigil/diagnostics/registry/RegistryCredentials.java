package dev.vigil.diagnostics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from a Docker config file ({@code {"auths": {"<registry>": {"auth":
 * base64(user:password)}}}}, also {@code username}/{@code password}), as a pull Secret's
 * {@code .dockerconfigjson} holds them. Docker Hub's keys ({@code https://index.docker.io/v1/},
 * {@code docker.io}) answer for {@code registry-1.docker.io}. Never logged, never part of a result.
 */
public final class RegistryCredentials {
    public static final RegistryCredentials NONE = new RegistryCredentials(Map.of());

    private final Map<String, String> basicByRegistry;

    private RegistryCredentials(Map<String, String> basicByRegistry) {
        this.basicByRegistry = Map.copyOf(basicByRegistry);
    }

    /** @throws IllegalArgumentException when the file is not a Docker config */
    public static RegistryCredentials fromDockerConfig(byte[] json) {
        JsonNode auths;
        try {
            auths = Json.MAPPER.readTree(json).path("auths");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Docker config file: " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        auths.fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            String token = a.path("auth").asText("");
            if (token.isEmpty() && a.has("username")) {
                token = Base64.getEncoder().encodeToString((a.path("username").asText() + ":" + a.path("password").asText())
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (!token.isEmpty()) {
                out.put(host(e.getKey()), "Basic " + token);
            }
        });
        return new RegistryCredentials(out);
    }

    public static RegistryCredentials fromFile(Path file) throws IOException {
        return fromDockerConfig(Files.readAllBytes(file));
    }

    /** The Basic authorization for {@code registry} (host[:port]), if the file has one. */
    public Optional<String> basic(String registry) {
        return Optional.ofNullable(basicByRegistry.get(registry));
    }

    /** A key of {@code auths} as the registry host it stands for. */
    static String host(String key) {
        String h = key.replaceFirst("^https?://", "");
        int slash = h.indexOf('/');
        if (slash >= 0) {
            h = h.substring(0, slash);
        }
        return switch (h) {
            case "index.docker.io", "docker.io", "registry.hub.docker.com" -> ImageRef.DOCKER_HUB;
            default -> h;
        };
    }
}
