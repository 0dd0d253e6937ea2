package dev.vigil.diagnostics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** HTTP calls to the diagnostics service; any answer but 2xx becomes a one-line error with the service's reason. */
final class ServiceClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServiceClient(String base) {
        this.base = base;
    }

    JsonNode getJson(String path) {
        return tree(send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    JsonNode postJson(String path, Object body) {
        return tree(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.encode(body))), HttpResponse.BodyHandlers.ofByteArray()));
    }

    void postBytes(String path, byte[] body) {
        send(request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts {@code body} as JSON and hands back the service's answer whatever its status (for relaying it). */
    HttpResponse<byte[]> forward(String path, byte[] body) {
        try {
            return http.send(request(path).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot reach the diagnostics service at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilDiag.CliException("interrupted");
        }
    }

    void delete(String path) {
        send(request(path).DELETE(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Streams the body to {@code target}, on whatever file system it lives (BodyHandlers.ofFile takes only the default one). */
    void download(String path, Path target) {
        HttpResponse<InputStream> r;
        try {
            r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilDiag.CliException("interrupted");
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw new VigilDiag.CliException("GET " + path + " answered HTTP " + r.statusCode());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot write " + target + ": " + e.getMessage());
        }
    }

    private static JsonNode tree(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new VigilDiag.CliException("the service answered something that is not JSON: " + e.getMessage());
        }
    }

    /** The request for {@code path}, with the token of {@code VIGIL_API_TOKEN} when it is set. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        String token = System.getenv("VIGIL_API_TOKEN");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.strip());
        }
        return b;
    }

    private byte[] send(HttpRequest.Builder req, HttpResponse.BodyHandler<byte[]> handler) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(req.timeout(Duration.ofSeconds(60)).build(), handler);
        } catch (IOException e) {
            throw new VigilDiag.CliException("cannot reach the diagnostics service at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilDiag.CliException("interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            String why = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                why = Json.MAPPER.readTree(r.body()).path("error").asText(why);
            } catch (IOException e) {
                // not JSON: show the body as it is
            }
            throw new VigilDiag.CliException("HTTP " + r.statusCode() + ": " + why.strip());
        }
        return r.body().length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : r.body();
    }
}
