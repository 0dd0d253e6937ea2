package dev.vigil.alert.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A real {@code /metrics} endpoint Prometheus scrapes: one gauge {@code queue_depth} per queue,
 * values set over HTTP ({@code /control?queue=a&value=50}) so a test across a class-loader
 * boundary can drive it.
 */
final class ScrapeTarget implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> depths = new ConcurrentSkipListMap<>();

    ScrapeTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", this::metrics);
        server.createContext("/control", this::control);
        server.start();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static void set(String hostPort, String queue, int value) {
        try {
            URI.create("http://" + hostPort + "/control?queue=" + queue + "&value=" + value).toURL().openStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void control(HttpExchange ex) throws IOException {
        Map<String, String> q = new TreeMap<>();
        for (String kv : ex.getRequestURI().getQuery().split("&")) {
            q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        depths.put(q.get("queue"), q.get("value"));
        reply(ex, "ok");
    }

    private void metrics(HttpExchange ex) throws IOException {
        StringBuilder sb = new StringBuilder("# TYPE queue_depth gauge\n");
        depths.forEach((queue, v) -> sb.append("queue_depth{queue=\"").append(queue).append("\"} ").append(v).append('\n'));
        reply(ex, sb.toString());
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
