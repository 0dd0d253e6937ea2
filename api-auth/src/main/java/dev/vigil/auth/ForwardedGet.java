package dev.vigil.auth;

import dev.vigil.model.tenant.Tenants;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A GET passed on to another Vigil service with the caller's credentials and tenant (its
 * {@code Authorization} and {@code X-Scope-OrgID}), so the other service answers exactly what the
 * caller may see: how the Prometheus and Loki URLs answer the rules and alerts the alert service
 * holds.
 */
public final class ForwardedGet {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] PASSED_ON = {"Authorization", Tenants.HEADER};

    /** The other service's answer: its status and body. */
    public record Answer(int status, byte[] body) {
    }

    private ForwardedGet() {
    }

    /**
     * The other service's URL for a request: {@code base} (a trailing slash dropped), {@code path},
     * the caller's raw query and one parameter of the forwarder's own.
     */
    public static String url(String base, String path, String rawQuery, String param) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + path + "?" + (rawQuery == null ? "" : rawQuery + "&") + param;
    }

    /**
     * @param url     the other service's URL, path and query included
     * @param headers the caller's header of a name, or null
     * @throws IOException when the other service does not answer
     */
    public static Answer send(String url, UnaryOperator<String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (String h : PASSED_ON) {
            String v = headers.apply(h);
            if (v != null) {
                req.header(h, v);
            }
        }
        HttpResponse<byte[]> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body());
    }
}
