package dev.vigil.alert.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.alert.routing.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonNotifierTest {
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    final List<Duration> waits = new ArrayList<>();
    HttpJsonNotifier notifier;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/secret-token", ex -> {
            int i = calls.getAndIncrement();
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            int status = i < statuses.size() ? statuses.get(i) : 200;
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        notifier = new HttpJsonNotifier(HttpClient.newHttpClient(), clock, d -> {
            waits.add(d);
            clock.advance(d);
        }, Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    HttpNotification notification(String url) {
        HttpClientConfig http = new HttpClientConfig(Optional.empty(), Secret.of(""), "Bearer", Secret.of("tok-123"), Optional.empty());
        return new HttpNotification("hook", "hook/webhook[0]", "{}:{}", "webhook", Secret.of(url), http, "{\"version\":\"4\"}");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/secret-token";
    }

    @Test
    void postsTheJsonWithTheConfiguredAuthorization() throws Exception {
        notifier.send(notification(url()), Duration.ofSeconds(10));
        assertEquals(List.of("{\"version\":\"4\"}"), bodies);
        assertEquals(List.of("Bearer tok-123"), auth);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoff() throws Exception {
        statuses.addAll(List.of(500, 503, 429));
        notifier.send(notification(url()), Duration.ofSeconds(30));
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    }

    @Test
    void slackErrorsHiddenInA200AnswerAreFailures() throws Exception {
        server.createContext("/slack", ex -> {
            byte[] answer = (calls.getAndIncrement() == 0 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        HttpNotification n = notification("http://127.0.0.1:" + server.getAddress().getPort() + "/slack");
        HttpNotification slack = new HttpNotification(n.receiver(), "s/slack[0]", n.groupKey(), "slack", n.url(), n.http(), n.json());
        notifier.send(slack, Duration.ofSeconds(5));
        NotifyException e = assertThrows(NotifyException.class, () -> notifier.send(slack, Duration.ofSeconds(5)));
        assertEquals("s/slack[0]: received an error response from Slack: invalid_payload", e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void clientErrorsAreNotRetried() {
        statuses.add(400);
        NotifyException e = assertThrows(NotifyException.class, () -> notifier.send(notification(url()), Duration.ofSeconds(30)));
        assertFalse(e.retryable());
        assertEquals(1, calls.get());
        assertEquals("hook/webhook[0]: unexpected status code 400: answer 400", e.getMessage());
    }

    @Test
    void givesUpAtTheTimeoutWithoutRevealingTheUrl() {
        statuses.addAll(List.of(503, 503, 503, 503, 503, 503));
        NotifyException e = assertThrows(NotifyException.class, () -> notifier.send(notification(url()), Duration.ofSeconds(8)));
        assertTrue(e.retryable());
        assertEquals(4, calls.get(), "attempts at 0s, 1s, 3s and 7s; the next would start after the 8s timeout");
        assertFalse(e.getMessage().contains("secret-token"));
    }

    @Test
    void connectionErrorsDoNotRevealTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        NotifyException e = assertThrows(NotifyException.class,
                () -> notifier.send(notification("http://127.0.0.1:" + closedPort + "/hook/secret-token"), Duration.ofSeconds(2)));
        assertTrue(e.retryable());
        assertFalse(e.getMessage().contains("secret-token"));
        assertFalse(e.getMessage().contains(String.valueOf(closedPort)) && e.getMessage().contains("127.0.0.1"));
    }
}
