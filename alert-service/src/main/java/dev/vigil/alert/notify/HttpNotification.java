package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;

import java.util.List;
import java.util.Map;

/**
 * A request body to send: JSON for most integrations (the webhook's Alertmanager v4 payload,
 * Slack, Teams, PagerDuty, ...), an empty text body with the message in the URL for Pushover. The
 * URL and the extra headers (tokens) are {@link Secret}s and never appear in {@link #toString()}.
 * {@code then} are requests sent after this one, in order, as one notification (Opsgenie's
 * updates of an alert it creates); a failure of any is retried from the first.
 */
public record HttpNotification(
        String receiver,
        String integration,
        String groupKey,
        String kind,
        String method,
        Secret url,
        HttpClientConfig http,
        String json,
        Map<String, Secret> headers,
        String contentType,
        List<HttpNotification> then) implements Notification {

    public HttpNotification {
        headers = Map.copyOf(headers);
        then = List.copyOf(then);
    }

    /** A POST with these headers and body type. */
    public HttpNotification(String receiver, String integration, String groupKey, String kind, Secret url, HttpClientConfig http,
                            String json, Map<String, Secret> headers, String contentType) {
        this(receiver, integration, groupKey, kind, "POST", url, http, json, headers, contentType, List.of());
    }

    /** A JSON POST with no headers beyond the configured authorization. */
    public HttpNotification(String receiver, String integration, String groupKey, String kind, Secret url, HttpClientConfig http,
                            String json) {
        this(receiver, integration, groupKey, kind, url, http, json, Map.of(), "application/json");
    }

    /** The same request followed by {@code next}. */
    public HttpNotification followedBy(List<HttpNotification> next) {
        return new HttpNotification(receiver, integration, groupKey, kind, method, url, http, json, headers, contentType, next);
    }
}
