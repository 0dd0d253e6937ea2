package dev.vigil.cli;

import dev.vigil.alert.notify.GoUrl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP side of {@code vigil query} and {@code vigil logs}: requests to a Vigil (or Prometheus,
 * or Loki) base URL with the credentials and headers the command was given.
 */
final class ApiClient {
    /** An answer: status and body. */
    record Answer(int status, String body) {
    }

    private final String base;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final Duration timeout;

    ApiClient(String base, Map<String, String> headers, HttpClient http, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.headers = Map.copyOf(headers);
        this.http = http;
        this.timeout = timeout;
    }

    /** POSTs the parameters as a form, as Prometheus's Go client asks queries. */
    Answer postForm(String path, Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(GoUrl.encode(params))); // url.Values.Encode: sorted keys
        return send(b);
    }

    /** GETs a path with its query string already encoded. */
    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout);
        headers.forEach(b::header);
        return b;
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

}
