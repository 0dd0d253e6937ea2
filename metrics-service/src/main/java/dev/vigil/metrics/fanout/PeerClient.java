package dev.vigil.metrics.fanout;

import dev.vigil.auth.ServiceCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Posts fan-out requests to a peer's internal API. */
public final class PeerClient {
    private final HttpClient http;
    private final Duration timeout;
    private final ServiceCredential credential;

    public PeerClient(Duration timeout, ServiceCredential credential) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.credential = credential;
    }

    /** The peer's answer body; completes exceptionally with {@link PeerUnavailableException}. */
    public CompletableFuture<byte[]> post(String hostPort, String path, byte[] body) {
        HttpRequest req = credential.authorize(HttpRequest.newBuilder(URI.create("http://" + hostPort + path)))
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
                .handle((resp, err) -> {
                    if (err != null) {
                        throw new PeerUnavailableException("instance " + hostPort + " did not answer: " + err.getMessage(), err);
                    }
                    if (resp.statusCode() != 200) {
                        String text = new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8);
                        throw new PeerUnavailableException("instance " + hostPort + " answered " + resp.statusCode() + ": " + text, null,
                                resp.statusCode(), text.strip());
                    }
                    return resp.body();
                });
    }
}
