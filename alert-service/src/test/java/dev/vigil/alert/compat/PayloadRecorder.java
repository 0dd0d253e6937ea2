package dev.vigil.alert.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server that records every body POSTed to any path (one webhook path per side
 * of a comparison) and hands them back as a JSON array on {@code GET} of the same path, so a test on
 * the other side of a class-loader boundary can read them over HTTP.
 */
final class PayloadRecorder implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();

    PayloadRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The bodies POSTed so far to {@code path}, oldest first. */
    public List<String> bodies(String path) {
        return List.copyOf(bodies.getOrDefault(path, List.of()));
    }

    /** Reads the bodies recorded at {@code url} as a JSON array text. */
    public static String fetch(String url) {
        try (var in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] reply;
        if (ex.getRequestMethod().equals("POST")) {
            bodies.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply = "ok".getBytes(StandardCharsets.UTF_8);
        } else {
            reply = ("[" + String.join(",", bodies(path)) + "]").getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(200, reply.length);
        ex.getResponseBody().write(reply);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
