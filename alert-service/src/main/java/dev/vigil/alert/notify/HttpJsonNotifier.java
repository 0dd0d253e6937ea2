package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts {@link HttpNotification}s (webhook, Slack, Teams) with the JDK HTTP client: the
 * configured authorization header, retries with exponential backoff on connection errors, 429
 * and 5xx answers until the timeout, no retry on other 4xx. Error messages carry the status and
 * the start of the answer, never the URL, its host or credentials.
 */
public final class HttpJsonNotifier implements Notifier {

    /** Waits between attempts; tests substitute one that moves a manual clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final int MAX_BODY_IN_ERROR = 256;

    private final HttpClient client;
    private final Retrier retrier;
    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param initialBackoff the first wait after a failed attempt; each next wait doubles, up to {@code maxBackoff}
     */
    public HttpJsonNotifier(HttpClient client, Clock clock, Sleeper sleeper, Duration initialBackoff, Duration maxBackoff) {
        this.client = client;
        this.retrier = new Retrier(clock, sleeper, initialBackoff, maxBackoff);
    }

    /** Production defaults: real time, 500ms first backoff doubling up to 30s. */
    public static HttpJsonNotifier withDefaults() {
        return new HttpJsonNotifier(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build(),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    @Override
    public void send(Notification notification, Duration timeout) throws NotifyException {
        if (!(notification instanceof HttpNotification n)) {
            throw new NotifyException(notification.kind() + " notifications cannot be sent over HTTP", false);
        }
        retrier.run(n.integration(), timeout, remaining -> {
            attempt(n, remaining);
            for (HttpNotification next : n.then()) {
                attempt(next, remaining);
            }
        });
    }

    private void attempt(HttpNotification n, Duration remaining) throws NotifyException {
        URI uri;
        try {
            uri = URI.create(n.url().value());
        } catch (IllegalArgumentException e) {
            throw new NotifyException(n.integration() + ": invalid URL", false);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(remaining)
                .header("Content-Type", n.contentType())
                .header("User-Agent", "Vigil")
                .method(n.method(), HttpRequest.BodyPublishers.ofString(n.json(), StandardCharsets.UTF_8));
        // the integration's own credentials (incident.io's alert source token) take the place of http_config's
        if (!n.headers().containsKey("Authorization")) {
            n.http().authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        }
        n.headers().forEach((name, value) -> req.setHeader(name, value.value()));
        HttpResponse<String> resp = exchange(n.integration(), clientFor(n.http()), req.build(), uri);
        int status = resp.statusCode();
        if (status / 100 == 2) {
            if (n.kind().equals("slack")) {
                checkSlackAnswer(n, resp);
            } else if (n.kind().equals("rocketchat")) {
                checkRocketChatAnswer(n, resp);
            }
            return;
        }
        String failure = "unexpected status code " + status + body(resp.body());
        if (status / 100 != 5 && !retried(n.kind(), status)) {
            throw new NotifyException(n.integration() + ": " + failure, false);
        }
        throw new NotifyException(failure, true);
    }

    /** Sends one request; a connection failure is retryable and named without the URL. */
    static HttpResponse<String> exchange(String integration, HttpClient client, HttpRequest request, URI uri) throws NotifyException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotifyException(redact(e, uri), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(integration + ": interrupted", false);
        }
    }

    /**
     * The answers besides 5xx that Alertmanager's notifier for {@code kind} tries again: 429 for
     * webhooks, Slack, Teams, PagerDuty, Opsgenie and incident.io; none for Discord, Webex, Teams
     * workflows, Pushover, VictorOps, Rocket.Chat and Mattermost; anything for Telegram, whose
     * client retries every failure.
     */
    static boolean retried(String kind, int status) {
        return switch (kind) {
            case "telegram" -> true;
            case "discord", "webex", "msteamsv2", "pushover", "victorops", "rocketchat", "mattermost" -> false;
            default -> status == 429;
        };
    }

    /** Rocket.Chat answers 200 with {@code "success": false} when it refused the message; retrying will not change that. */
    private static void checkRocketChatAnswer(HttpNotification n, HttpResponse<String> resp) throws NotifyException {
        com.fasterxml.jackson.databind.JsonNode o;
        try {
            o = GoJson.MAPPER.readTree(resp.body() == null ? "" : resp.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NotifyException(n.integration() + ": could not parse the answer from Rocket.Chat", true);
        }
        if (!o.path("success").asBoolean(false)) {
            throw new NotifyException(n.integration() + ": error response from Rocket.Chat: " + o.path("error").asText(""), false);
        }
    }

    /**
     * Slack answers 200 with an error: an incoming webhook says "ok" in plain text, the Web API
     * says {@code "ok": true} in JSON; anything else is a failure that retrying will not fix.
     */
    private static void checkSlackAnswer(HttpNotification n, HttpResponse<String> resp) throws NotifyException {
        String body = resp.body() == null ? "" : resp.body().strip();
        boolean json = resp.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        if (json) {
            try {
                com.fasterxml.jackson.databind.JsonNode o = GoJson.MAPPER.readTree(body);
                if (!o.path("ok").asBoolean(false)) {
                    throw new NotifyException(n.integration() + ": error response from Slack: " + o.path("error").asText(""), false);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new NotifyException(n.integration() + ": could not parse the answer from Slack", true);
            }
        } else if (!body.equals("ok")) {
            throw new NotifyException(n.integration() + ": received an error response from Slack" + body(body), false);
        }
    }

    /**
     * The client a receiver's {@code http_config} asks for: its proxy, its {@code tls_config}, and
     * redirects followed unless {@code follow_redirects: false} (Go's client follows them).
     */
    HttpClient clientFor(HttpClientConfig http) throws NotifyException {
        if (http.proxyUrl().isEmpty() && http.tls().isDefault() && http.followRedirects()) {
            return client;
        }
        // keyed by what the TLS files hold now, so a rotated certificate gets a client of its own
        ClientKey key = new ClientKey(http.proxyUrl(), NotifierTls.material(http.tls()), http.followRedirects());
        HttpClient c = clients.get(key);
        if (c == null) {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(http.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            http.proxyUrl().ifPresent(p -> {
                URI proxy = URI.create(p);
                b.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort())));
            });
            if (!http.tls().isDefault()) {
                b.sslContext(NotifierTls.context(http.tls())).sslParameters(NotifierTls.parameters(http.tls()));
            }
            c = b.build();
            clients.put(key, c);
        }
        return c;
    }

    private record ClientKey(java.util.Optional<String> proxy, String tls, boolean followRedirects) {
    }

    static String body(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > MAX_BODY_IN_ERROR ? b.substring(0, MAX_BODY_IN_ERROR) + "…" : b);
    }

    /** The exception's kind and message with the URL, host and path removed. */
    static String redact(Exception e, URI uri) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        msg = msg.replace(uri.toString(), "<url>");
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            msg = msg.replace(uri.getRawPath(), "<path>");
        }
        if (uri.getHost() != null) {
            msg = msg.replace(uri.getHost(), "<host>");
        }
        return e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }
}
