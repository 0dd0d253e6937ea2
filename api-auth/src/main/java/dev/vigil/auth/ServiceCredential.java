package dev.vigil.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * The token a service sends when it calls another (the alert service querying metrics and logs,
 * fan-out between instances): {@code vigil.auth.client-token}, else the first of
 * {@code vigil.auth.tokens}, else the first of {@code vigil.auth.tokens-file}, else none.
 */
@ApplicationScoped
public class ServiceCredential {
    private final Optional<String> token;

    @Inject
    public ServiceCredential(@ConfigProperty(name = "vigil.auth.client-token") Optional<String> clientToken,
                             @ConfigProperty(name = "vigil.auth.tokens") Optional<String> tokens,
                             @ConfigProperty(name = "vigil.auth.tokens-file") Optional<String> tokensFile) {
        this(clientToken.filter(s -> !s.isBlank()).map(String::strip)
                .or(() -> ApiTokens.configured(tokens, tokensFile).first()));
    }

    private ServiceCredential(Optional<String> token) {
        this.token = token;
    }

    /** A credential that sends nothing. */
    public static ServiceCredential none() {
        return new ServiceCredential(Optional.empty());
    }

    /** {@code request} with the service's bearer token, when there is one. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
