package dev.vigil.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends {@link WechatMessage}s as Alertmanager's WeChat notifier does: an access token from
 * {@code gettoken} (kept for two hours per corp id and secret), then {@code message/send}; any
 * answer but 200 is tried again, {@code errcode} 0 is success, 42001 (token expired) drops the
 * token and tries again, any other code fails for good.
 */
public final class WechatNotifier implements Notifier {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    static final int TOKEN_EXPIRED = 42001;

    private record Token(String value, Instant at) {
    }

    private final HttpJsonNotifier http;
    private final Retrier retrier;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public WechatNotifier(HttpJsonNotifier http, Clock clock, HttpJsonNotifier.Sleeper sleeper, Duration initialBackoff,
                          Duration maxBackoff) {
        this.http = http;
        this.clock = clock;
        this.retrier = new Retrier(clock, sleeper, initialBackoff, maxBackoff);
    }

    /** Real time, the HTTP notifier's clients, 500 ms first backoff doubling up to 30 s. */
    public static WechatNotifier withDefaults(HttpJsonNotifier http) {
        return new WechatNotifier(http, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    @Override
    public void send(Notification notification, Duration timeout) throws NotifyException {
        if (!(notification instanceof WechatMessage m)) {
            throw new NotifyException(notification.kind() + " notifications are not WeChat messages", false);
        }
        retrier.run(m.integration(), timeout, remaining -> attempt(m, remaining));
    }

    private void attempt(WechatMessage m, Duration remaining) throws NotifyException {
        String key = m.apiUrl() + "\n" + m.corpId() + "\n" + m.apiSecret().value();
        Token token = tokens.get(key);
        if (token == null || !clock.instant().isBefore(token.at().plus(TOKEN_LIFETIME))) {
            token = new Token(fetchToken(m, remaining), clock.instant());
            tokens.put(key, token);
        }
        URI send = URI.create(m.apiUrl() + "message/send?access_token=" + GoUrl.queryEscape(token.value()));
        HttpRequest.Builder req = HttpRequest.newBuilder(send).timeout(remaining)
                .header("Content-Type", "application/json").header("User-Agent", "Vigil")
                .POST(HttpRequest.BodyPublishers.ofString(m.json(), StandardCharsets.UTF_8));
        m.http().authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        HttpResponse<String> resp = HttpJsonNotifier.exchange(m.integration(), http.clientFor(m.http()), req.build(), send);
        if (resp.statusCode() != 200) {
            throw new NotifyException("unexpected status code " + resp.statusCode() + HttpJsonNotifier.body(resp.body()), true);
        }
        JsonNode answer = parse(resp.body(), m, true);
        int code = answer.path("errcode").asInt(0);
        if (code == 0) {
            return;
        }
        if (code == TOKEN_EXPIRED) {
            tokens.remove(key);
            throw new NotifyException(answer.path("errmsg").asText(""), true);
        }
        throw new NotifyException(m.integration() + ": " + answer.path("errmsg").asText("") + " (errcode " + code + ")", false);
    }

    /** {@code gettoken?corpid=..&corpsecret=..}; an answer without a token is a wrong secret, not worth retrying. */
    private String fetchToken(WechatMessage m, Duration remaining) throws NotifyException {
        URI uri = URI.create(m.apiUrl() + "gettoken?" + GoUrl.encode(Map.of("corpid", m.corpId(), "corpsecret", m.apiSecret().value())));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(remaining).header("User-Agent", "Vigil").GET();
        m.http().authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        HttpResponse<String> resp = HttpJsonNotifier.exchange(m.integration(), http.clientFor(m.http()), req.build(), uri);
        String token = parse(resp.body(), m, false).path("access_token").asText("");
        if (token.isEmpty()) {
            throw new NotifyException(m.integration() + ": invalid APISecret for CorpID: " + m.corpId(), false);
        }
        return token;
    }

    private static JsonNode parse(String body, WechatMessage m, boolean retry) throws NotifyException {
        try {
            return GoJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new NotifyException(m.integration() + ": the answer from WeChat is not JSON", retry);
        }
    }
}
