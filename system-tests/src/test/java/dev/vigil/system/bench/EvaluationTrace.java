package dev.vigil.system.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy in front of the metrics service's query API that notes, for every
 * rule query, when it arrived and which evaluation timestamp ({@code time=}) it asked for: the
 * gap shows when an evaluation ran against a timestamp older than its own tick. Diagnostic only
 * (it adds a loopback hop to each query), switched on with {@code -Dbench.trace-evaluations=true}.
 */
final class EvaluationTrace implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String target;
    private final List<Query> queries = new CopyOnWriteArrayList<>();

    /** One rule query: when it arrived and the evaluation time it asked for. */
    record Query(Instant arrived, Instant evaluationTime) {
        double lagMillis() {
            return Duration.between(evaluationTime, arrived).toNanos() / 1e6;
        }
    }

    EvaluationTrace(String targetBaseUrl) {
        this.target = targetBaseUrl;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Query> queries() {
        return List.copyOf(queries);
    }

    private void forward(HttpExchange ex) throws IOException {
        Instant arrived = Instant.now();
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String form = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            if (body.length > 0) {
                form = form + "&" + new String(body, StandardCharsets.UTF_8);
            }
            for (String pair : form.split("&")) {
                if (pair.startsWith("time=")) {
                    queries.add(new Query(arrived, epochSeconds(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8))));
                }
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                req.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            ex.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(503, -1);
        }
    }

    private static Instant epochSeconds(String s) {
        BigDecimal nanos = new BigDecimal(s).movePointRight(9);
        return Instant.EPOCH.plusNanos(nanos.longValue());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
