package dev.vigil.alert.config.am;

import java.util.Optional;

/**
 * The subset of Prometheus' {@code http_config} that Vigil's notifiers honour: basic auth, an
 * {@code Authorization} header (bearer token by default) and a proxy URL.
 */
public record HttpClientConfig(
        Optional<String> basicAuthUsername,
        Secret basicAuthPassword,
        String authorizationType,
        Secret authorizationCredentials,
        Optional<String> proxyUrl) {

    /** No authentication, no proxy. */
    public static final HttpClientConfig NONE =
            new HttpClientConfig(Optional.empty(), Secret.of(""), "Bearer", Secret.of(""), Optional.empty());

    /** The value of the {@code Authorization} header this configuration asks for, if any. */
    public Optional<String> authorizationHeader() {
        if (basicAuthUsername.isPresent()) {
            String raw = basicAuthUsername.get() + ":" + basicAuthPassword.value();
            return Optional.of("Basic " + java.util.Base64.getEncoder()
                    .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (!authorizationCredentials.isEmpty()) {
            return Optional.of(authorizationType + " " + authorizationCredentials.value());
        }
        return Optional.empty();
    }
}
