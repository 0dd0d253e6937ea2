package dev.vigil.alert.config.am;

import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' {@code http_config} as a receiver's requests use it: basic auth, an
 * {@code Authorization} header (bearer token by default, or an OAuth 2 client), the proxy,
 * {@code follow_redirects} (default true) and {@code tls_config}; the rest of the block (headers,
 * OAuth 2's token exchange) is validated and kept as written.
 */
public record HttpClientConfig(
        Optional<String> basicAuthUsername,
        Secret basicAuthPassword,
        String authorizationType,
        Secret authorizationCredentials,
        Optional<String> proxyUrl,
        boolean followRedirects,
        TlsConfig tls,
        Map<String, Object> other) {

    /** No authentication, no proxy, redirects followed: Prometheus' DefaultHTTPClientConfig. */
    public static final HttpClientConfig NONE =
            new HttpClientConfig(Optional.empty(), Secret.of(""), "Bearer", Secret.of(""), Optional.empty());

    public HttpClientConfig {
        other = Map.copyOf(other);
    }

    public HttpClientConfig(Optional<String> basicAuthUsername, Secret basicAuthPassword, String authorizationType,
                            Secret authorizationCredentials, Optional<String> proxyUrl) {
        this(basicAuthUsername, basicAuthPassword, authorizationType, authorizationCredentials, proxyUrl, true, TlsConfig.NONE, Map.of());
    }

    /** Whether an {@code authorization} block (or a bearer token, which becomes one) is set. */
    public boolean hasAuthorization() {
        return !authorizationCredentials.isEmpty();
    }

    /** The same configuration sending {@code Authorization: type credentials}. */
    public HttpClientConfig withAuthorization(String type, Secret credentials) {
        return new HttpClientConfig(basicAuthUsername, basicAuthPassword, type, credentials, proxyUrl, followRedirects, tls, other);
    }

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
