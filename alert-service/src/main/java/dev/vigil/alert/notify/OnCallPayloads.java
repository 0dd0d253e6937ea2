package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.config.am.GoDuration;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.gotemplate.TemplateSet;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requests Alertmanager's Pushover, VictorOps (Splunk On-Call) and incident.io notifiers send:
 * same URL, parameters or JSON, truncation and firing/resolved difference, from the same
 * templates.
 */
final class OnCallPayloads {
    static final String PUSHOVER_URL = "https://api.pushover.net/1/messages.json";
    /** incident.io refuses larger bodies; Alertmanager then keeps only the first alert. */
    static final int INCIDENTIO_MAX_BYTES = 512 * 1024;
    private static final Set<String> VICTOROPS_EVENTS = Set.of("INFO", "WARNING", "CRITICAL");

    private final TemplateSet templates;

    OnCallPayloads(TemplateSet templates) {
        this.templates = templates;
    }

    private String expand(String template, TemplateData data) {
        return template.isEmpty() ? "" : templates.expand(template, data);
    }

    /**
     * Pushover's messages API: every parameter in the query string (sorted, as Go encodes it), an
     * empty text body; priority 2 (emergency) while firing and 0 once resolved by default.
     */
    HttpNotification pushover(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("token", expand(c.secret("token").value().strip(), data));
        p.put("user", expand(c.secret("user_key").value().strip(), data));
        p.put("title", IntegrationPayloads.truncateRunes(expand(c.string("title"), data), 250));
        boolean html = Boolean.parseBoolean(c.string("html"));
        if (html) {
            p.put("html", "1");
        }
        if (Boolean.parseBoolean(c.string("monospace"))) {
            p.put("monospace", "1");
        }
        String message = IntegrationPayloads.truncateRunes(expand(c.string("message"), html ? data.htmlEscaped() : data), 1024).strip();
        p.put("message", message.isEmpty() ? "(no details)" : message);
        p.put("url", IntegrationPayloads.truncateRunes(expand(c.string("url"), data), 512));
        p.put("url_title", expand(c.string("url_title"), data));
        p.put("priority", expand(c.string("priority"), data));
        p.put("retry", Long.toString(seconds(c.string("retry"), "1m")));
        p.put("expire", Long.toString(seconds(c.string("expire"), "1h")));
        p.put("device", expand(c.string("device"), data));
        p.put("sound", expand(c.string("sound"), data));
        long ttl = seconds(c.string("ttl"), "0");
        if (ttl > 0) {
            p.put("ttl", Long.toString(ttl));
        }
        return new HttpNotification(receiver, integration, groupKey, "pushover", Secret.of(PUSHOVER_URL + "?" + GoUrl.encode(p)),
                c.httpConfig(), "", Map.of(), "text/plain");
    }

    private static long seconds(String goDuration, String dflt) {
        return GoDuration.parse(goDuration.isEmpty() ? dflt : goDuration).toSeconds();
    }

    /**
     * VictorOps' REST integration: {@code api_url/<api key>/<routing key>}, a flat JSON object of
     * strings (sorted keys: Go encodes a map) with the custom fields beside the standard ones;
     * RECOVERY once resolved, CRITICAL for a firing group whose message type is not INFO, WARNING
     * or CRITICAL.
     */
    HttpNotification victorops(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                               boolean resolved) {
        Map<String, String> fields = new TreeMap<>();
        if (c.settings().get("custom_fields") instanceof JsonNode custom) {
            custom.fields().forEachRemaining(e -> fields.put(e.getKey(), expand(e.getValue().asText(), data)));
        } else if (c.settings().get("custom_fields") instanceof Map<?, ?> custom) {
            custom.forEach((k, v) -> fields.put(String.valueOf(k), expand(String.valueOf(v), data)));
        }
        String messageType = expand(c.string("message_type"), data);
        if (resolved) {
            messageType = "RECOVERY";
        } else if (!VICTOROPS_EVENTS.contains(messageType)) {
            messageType = "CRITICAL";
        }
        fields.put("message_type", messageType);
        fields.put("entity_id", IntegrationPayloads.hash(groupKey));
        fields.put("entity_display_name", expand(c.string("entity_display_name"), data));
        fields.put("state_message", IntegrationPayloads.truncateRunes(expand(c.string("state_message"), data), 20480));
        fields.put("monitoring_tool", expand(c.string("monitoring_tool"), data));
        ObjectNode o = GoJson.object();
        fields.forEach(o::put);
        // Go's URL escapes what the path it was given holds; a key with a space is still one URL
        String url = c.string("api_url") + GoUrl.pathEscape(c.secret("api_key").value().strip() + "/" + expand(c.string("routing_key"), data));
        return new HttpNotification(receiver, integration, groupKey, "victorops", Secret.of(url), c.httpConfig(), GoJson.write(o));
    }

    /**
     * incident.io's alert source: the webhook's message (version "1", the group key as it is,
     * {@code truncatedAlerts} for what {@code max_alerts} cut) with the alert source token as a
     * bearer token; over 512 KiB only the first alert is kept.
     */
    HttpNotification incidentio(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                                long truncated) {
        String json = Payloads.webhookJson(data, groupKey, truncated, "1");
        if (json.getBytes(StandardCharsets.UTF_8).length > INCIDENTIO_MAX_BYTES && data.alerts().size() > 1) {
            json = Payloads.webhookJson(data.withAlerts(data.alerts().subList(0, 1)), groupKey, truncated, "1");
        }
        Map<String, Secret> headers = new LinkedHashMap<>();
        String token = c.secret("alert_source_token").value().strip();
        if (!token.isEmpty()) {
            headers.put("Authorization", Secret.of("Bearer " + token));
        }
        return new HttpNotification(receiver, integration, groupKey, "incidentio", Secret.of(c.secret("url").value().strip()),
                c.httpConfig(), json, headers, "application/json");
    }
}
