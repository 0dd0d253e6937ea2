package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;

/**
 * A JSON body to POST: webhook (Alertmanager v4 payload), Slack or Microsoft Teams. The URL is a
 * {@link Secret} and never appears in {@link #toString()}.
 */
public record HttpNotification(
        String receiver,
        String integration,
        String groupKey,
        String kind,
        Secret url,
        HttpClientConfig http,
        String json) implements Notification {
}
