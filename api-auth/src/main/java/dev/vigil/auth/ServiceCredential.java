package dev.vigil.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
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
        this.token = clientToken.filter(s -> !s.isBlank()).map(String::strip)
                .or(() -> tokens.flatMap(ServiceCredential::first))
                .or(() -> tokensFile.filter(f -> !f.isBlank()).flatMap(f -> first(read(f))));
    }

    private ServiceCredential(Optional<String> token) {
        this.token = token;
    }

    /** A credential that sends nothing. */
    public static ServiceCredential none() {
        return new ServiceCredential(Optional.empty());
    }

    /** The first token written in {@code text}, in the format of {@link ApiTokens#parse}. */
    private static Optional<String> first(String text) {
        for (String line : text.split("[\\n,]")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return Optional.of(l.split("\\s+")[0]);
            }
        }
        return Optional.empty();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vigil.auth.tokens-file " + file, e);
        }
    }

    /** {@code request} with the service's bearer token, when there is one. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
