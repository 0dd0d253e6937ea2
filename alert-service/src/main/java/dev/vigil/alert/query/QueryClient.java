package dev.vigil.alert.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.auth.ServiceCredential;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs instant queries against a Prometheus-compatible API ({@code /api/v1/query}) or a
 * Loki-compatible one ({@code /loki/api/v1/query}): how rules see the data, so a real Prometheus
 * or Loki works as well as Vigil's own services.
 */
public final class QueryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String baseUrl;
    private final String path;
    private final Duration timeout;
    private final ServiceCredential credential;

    private QueryClient(String baseUrl, String path, Duration timeout, ServiceCredential credential) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.path = path;
        this.timeout = timeout;
        this.credential = credential;
    }

    public static QueryClient prometheus(String baseUrl, Duration timeout) {
        return prometheus(baseUrl, timeout, ServiceCredential.none());
    }

    /** A client for Prometheus' query API that sends {@code credential}'s token. */
    public static QueryClient prometheus(String baseUrl, Duration timeout, ServiceCredential credential) {
        return new QueryClient(baseUrl, "/api/v1/query", timeout, credential);
    }

    public static QueryClient loki(String baseUrl, Duration timeout) {
        return loki(baseUrl, timeout, ServiceCredential.none());
    }

    /** A client for Loki's query API that sends {@code credential}'s token. */
    public static QueryClient loki(String baseUrl, Duration timeout, ServiceCredential credential) {
        return new QueryClient(baseUrl, "/loki/api/v1/query", timeout, credential);
    }

    /** @throws QueryException when the API is unreachable or answers with an error */
    public List<VectorSample> query(String expr, Instant at) {
        return query(expr, at, Tenants.DEFAULT);
    }

    /** As {@link #query(String, Instant)}, for {@code tenant}'s data ({@code X-Scope-OrgID}). */
    public List<VectorSample> query(String expr, Instant at, String tenant) {
        String form = "query=" + enc(expr) + "&time=" + enc(timeParam(at));
        HttpRequest req = credential.authorize(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .header(Tenants.HEADER, tenant)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QueryException("query API " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new QueryException("query API " + baseUrl + " answered " + resp.statusCode() + " with a body that is not JSON", e);
        }
        if (resp.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new QueryException("query '" + expr + "' failed: " + body.path("errorType").asText() + ": " + body.path("error").asText(), null);
        }
        return parse(body.path("data"));
    }

    static List<VectorSample> parse(JsonNode data) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<VectorSample> out = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode el : result) {
                    out.add(new VectorSample(labels(el.path("metric")), value(el.path("value").get(1))));
                }
            }
            case "scalar" -> out.add(new VectorSample(Labels.EMPTY, value(result.get(1))));
            default -> throw new QueryException("rule queries must return a vector or scalar, got " + type, null);
        }
        return out;
    }

    private static Labels labels(JsonNode metric) {
        Map<String, String> m = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = metric.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return Labels.from(m);
    }

    private static double value(JsonNode v) {
        String s = v.asText();
        return switch (s) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private String timeParam(Instant at) {
        if (path.startsWith("/loki")) {
            return Long.toString(at.getEpochSecond() * 1_000_000_000L + at.getNano());
        }
        return String.format("%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A rule's query could not be answered; the message says by whom and why. */
    public static final class QueryException extends RuntimeException {
        public QueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
