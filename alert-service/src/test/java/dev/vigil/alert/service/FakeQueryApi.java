package dev.vigil.alert.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A real HTTP server standing in for a Prometheus query API: {@code /api/v1/query} answers an
 * instant vector with one series whose value the test sets, or an empty vector. The value is
 * set over HTTP ({@code GET /control?value=3} or {@code ?value=none}) because the Quarkus test
 * and its test resource do not share static state.
 */
public final class FakeQueryApi implements AutoCloseable {
    private final HttpServer server;
    private final String labelsJson;
    private volatile Optional<String> value = Optional.empty();

    /** @param labelsJson the series' labels as a JSON object, e.g. {@code {"job":"node","instance":"a"}} */
    public FakeQueryApi(String labelsJson) {
        this.labelsJson = labelsJson;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/query", this::query);
        server.createContext("/control", this::control);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the value from the test's side of the class-loader boundary. */
    public static void set(String baseUrl, String valueOrNone) {
        try {
            URI.create(baseUrl + "/control?value=" + valueOrNone).toURL().openStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void control(HttpExchange ex) throws IOException {
        String v = ex.getRequestURI().getQuery().replace("value=", "");
        value = v.equals("none") ? Optional.empty() : Optional.of(v);
        reply(ex, "{}");
    }

    private void query(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        double now = System.currentTimeMillis() / 1000.0;
        String result = value.map(v -> "[{\"metric\":" + labelsJson + ",\"value\":[" + now + ",\"" + v + "\"]}]").orElse("[]");
        reply(ex, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
