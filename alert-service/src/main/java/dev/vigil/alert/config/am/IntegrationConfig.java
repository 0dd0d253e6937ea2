package dev.vigil.alert.config.am;

import java.util.Map;

/**
 * One entry of a receiver's integrations beyond email, Slack, Teams and webhooks (PagerDuty,
 * Opsgenie, Telegram, Discord, Webex, Teams workflows, ...), validated as Alertmanager validates
 * it, with Alertmanager's defaults and the global values it inherits filled in.
 *
 * @param type     Alertmanager's integration name: {@code pagerduty}, {@code msteamsv2}, ...
 * @param settings the effective fields by their YAML key: strings (templates, most of them),
 *                 {@link Secret}s for keys and secret URLs, and lists and maps as given
 */
public record IntegrationConfig(String type, boolean sendResolved, HttpClientConfig httpConfig, Map<String, Object> settings) {
    public IntegrationConfig {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** A string setting ("" when unset). */
    public String string(String key) {
        Object v = settings.get(key);
        return v == null ? "" : v instanceof Secret s ? s.value() : String.valueOf(v);
    }

    /** A secret setting, empty when unset. */
    public Secret secret(String key) {
        return settings.get(key) instanceof Secret s ? s : Secret.of("");
    }
}
