package dev.vigil.alert.config.am;

/**
 * One {@code webhook_configs} entry. The URL is a {@link Secret} because webhook URLs often carry
 * tokens; {@code maxAlerts} 0 means no limit.
 */
public record WebhookConfig(boolean sendResolved, Secret url, HttpClientConfig httpConfig, int maxAlerts) {
}
