package dev.vigil.diagnostics.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sonobuoy's progress API inside the plugin's pod: the plugin posts its progress JSON to
 * {@code http://localhost:$SONOBUOY_PROGRESS_PORT/progress} and the worker relays it to the
 * service for this run, plugin and node, answering with the service's answer. Loopback only: the
 * plugin shares the pod's network (or, as a HostProcess container, the node's, where nothing else
 * should reach it).
 */
final class ProgressRelay implements AutoCloseable {
    /** Progress updates are a few hundred bytes; anything far larger is not one. */
    static final int MAX_BODY = 1 << 20;
    private final HttpServer server;

    private ProgressRelay(HttpServer server) {
        this.server = server;
    }

    static ProgressRelay start(int port, ServiceClient service, String servicePath) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/progress", exchange -> relay(exchange, service, servicePath));
        server.start();
        return new ProgressRelay(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void relay(HttpExchange exchange, ServiceClient service, String servicePath) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/progress")) {
                answer(exchange, 404, "{\"error\":\"only /progress is served here\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "{\"error\":\"progress updates are POSTed\"}");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, "{\"error\":\"a progress update is at most " + MAX_BODY + " bytes\"}");
                return;
            }
            HttpResponse<byte[]> r;
            try {
                r = service.forward(servicePath, body);
            } catch (VigilDiag.CliException e) {
                answer(exchange, 502, new String(Json.encode(java.util.Map.of("status", "error", "error", e.getMessage())),
                        StandardCharsets.UTF_8));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
