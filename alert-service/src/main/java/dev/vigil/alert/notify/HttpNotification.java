package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;

import java.util.Map;

/**
 * A request body to POST: JSON for most integrations (the webhook's Alertmanager v4 payload,
 * Slack, Teams, PagerDuty, ...), an empty text body with the message in the URL for Pushover. The
 * URL and the extra headers (tokens) are {@link Secret}s and never appear in {@link #toString()}.
 */
public record HttpNotification(
        String receiver,
        String integration,
        String groupKey,
        String kind,
        Secret url,
        HttpClientConfig http,
        String json,
        Map<String, Secret> headers,
        String contentType) implements Notification {

    public HttpNotification {
        headers = Map.copyOf(headers);
    }

    /** A JSON POST with no headers beyond the configured authorization. */
    public HttpNotification(String receiver, String integration, String groupKey, String kind, Secret url, HttpClientConfig http,
                            String json) {
        this(receiver, integration, groupKey, kind, url, http, json, Map.of(), "application/json");
    }
}
