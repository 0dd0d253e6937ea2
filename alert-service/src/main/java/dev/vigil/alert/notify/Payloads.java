package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.config.am.EmailConfig;
import dev.vigil.alert.config.am.MsTeamsConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.alert.config.am.SlackConfig;
import dev.vigil.alert.config.am.WebhookConfig;
import dev.vigil.gotemplate.TemplateException;
import dev.vigil.gotemplate.TemplateSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders notifications from {@link TemplateData} as Alertmanager's notifiers do: the webhook
 * message version 4, Slack's incoming-webhook attachment, the Teams MessageCard, and email
 * headers and bodies. Template errors propagate as {@link TemplateException}.
 */
public final class Payloads {
    private static final int SLACK_MAX_TITLE_RUNES = 1024;

    private final TemplateSet templates;
    private final IntegrationPayloads integrations;

    public Payloads(TemplateSet templates) {
        this.templates = templates;
        this.integrations = new IntegrationPayloads(templates);
    }

    /** PagerDuty, Opsgenie, Telegram, Discord, Webex and Teams workflow requests. */
    public IntegrationPayloads integrations() {
        return integrations;
    }

    /**
     * The webhook JSON, keys in Alertmanager's order: receiver, status, alerts, groupLabels,
     * commonLabels, commonAnnotations, externalURL, version, groupKey, truncatedAlerts.
     */
    public static String webhookJson(TemplateData data, String groupKey, long truncatedAlerts) {
        return webhookJson(data, groupKey, truncatedAlerts, "4");
    }

    /** The same message with another {@code version}: incident.io's alert source takes it as version "1". */
    static String webhookJson(TemplateData data, String groupKey, long truncatedAlerts, String version) {
        ObjectNode o = GoJson.object();
        o.put("receiver", data.receiver());
        o.put("status", data.status());
        ArrayNode alerts = o.putArray("alerts");
        for (TemplateData.AlertData a : data.alerts()) {
            ObjectNode ao = alerts.addObject();
            ao.put("status", a.status());
            GoJson.putMap(ao, "labels", a.labels());
            GoJson.putMap(ao, "annotations", a.annotations());
            ao.put("startsAt", GoJson.time(a.startsAt()));
            ao.put("endsAt", GoJson.time(a.endsAt()));
            ao.put("generatorURL", a.generatorUrl());
            ao.put("fingerprint", a.fingerprint());
        }
        GoJson.putMap(o, "groupLabels", data.groupLabels());
        GoJson.putMap(o, "commonLabels", data.commonLabels());
        GoJson.putMap(o, "commonAnnotations", data.commonAnnotations());
        o.put("externalURL", data.externalUrl());
        o.put("version", version);
        o.put("groupKey", groupKey);
        o.put("truncatedAlerts", truncatedAlerts);
        return GoJson.write(o);
    }

    /**
     * The webhook notification; {@code data} must already be truncated to {@code max_alerts}. A URL
     * with a template ({@code https://hooks.example/{{ .GroupLabels.team }}}) is expanded for the
     * group, as Alertmanager 0.32 does, and must then be an http(s) URL.
     */
    public HttpNotification webhook(String receiver, String integration, String groupKey, WebhookConfig c,
            TemplateData data, long truncatedAlerts) {
        Secret url = c.url();
        if (url.value().contains("{{")) {
            String expanded = expand(url.value(), data).strip();
            if (!expanded.startsWith("http://") && !expanded.startsWith("https://")) {
                throw new IllegalArgumentException("the webhook URL template did not give an http(s) URL");
            }
            url = Secret.of(expanded);
        }
        return new HttpNotification(receiver, integration, groupKey, "webhook", url, c.httpConfig(),
                webhookJson(data, groupKey, truncatedAlerts));
    }

    /** Slack's incoming-webhook request with one attachment, fields as Alertmanager fills them. */
    public HttpNotification slack(String receiver, String integration, String groupKey, SlackConfig c, TemplateData data) {
        String title = expand(c.title(), data);
        if (title.codePointCount(0, title.length()) > SLACK_MAX_TITLE_RUNES) {
            title = title.substring(0, title.offsetByCodePoints(0, SLACK_MAX_TITLE_RUNES - 1)) + "…";
        }
        ObjectNode att = GoJson.object();
        putIfNotEmpty(att, "title", title);
        putIfNotEmpty(att, "title_link", expand(c.titleLink(), data));
        putIfNotEmpty(att, "pretext", expand(c.pretext(), data));
        att.put("text", expand(c.text(), data));
        att.put("fallback", expand(c.fallback(), data));
        att.put("callback_id", expand(c.callbackId(), data));
        att.put("footer", expand(c.footer(), data));
        putIfNotEmpty(att, "color", expand(c.color(), data));
        if (!c.mrkdwnIn().isEmpty()) {
            ArrayNode m = att.putArray("mrkdwn_in");
            c.mrkdwnIn().forEach(m::add);
        }
        ObjectNode req = GoJson.object();
        putIfNotEmpty(req, "channel", expand(c.channel(), data));
        putIfNotEmpty(req, "username", expand(c.username(), data));
        putIfNotEmpty(req, "icon_emoji", expand(c.iconEmoji(), data));
        putIfNotEmpty(req, "icon_url", expand(c.iconUrl(), data));
        if (c.linkNames()) {
            req.put("link_names", true);
        }
        req.putArray("attachments").add(att);
        return new HttpNotification(receiver, integration, groupKey, "slack", c.apiUrl(), c.httpConfig(), GoJson.write(req));
    }

    /** The Teams MessageCard: red while firing, green when resolved. */
    public HttpNotification msteams(String receiver, String integration, String groupKey, MsTeamsConfig c, TemplateData data) {
        ObjectNode o = GoJson.object();
        o.put("@context", "http://schema.org/extensions");
        o.put("type", "MessageCard");
        o.put("title", expand(c.title(), data));
        o.put("summary", expand(c.summary(), data));
        o.put("text", expand(c.text(), data));
        o.put("themeColor", switch (data.status()) {
            case "firing" -> "8C1A1A";
            case "resolved" -> "2DC72D";
            default -> "808080";
        });
        return new HttpNotification(receiver, integration, groupKey, "msteams", c.webhookUrl(), c.httpConfig(), GoJson.write(o));
    }

    /** The email: every header expanded, HTML and text bodies expanded (empty templates stay empty). */
    public EmailMessage email(String receiver, String integration, String groupKey, EmailConfig c, TemplateData data) {
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> headers.put(k, expand(v, data)));
        String html = c.html().isEmpty() ? "" : expand(c.html(), data);
        String text = c.text().isEmpty() ? "" : expand(c.text(), data);
        return new EmailMessage(receiver, integration, groupKey, c, headers, html, text);
    }

    private String expand(String template, TemplateData data) {
        return templates.expand(template, data);
    }

    private static void putIfNotEmpty(ObjectNode o, String field, String value) {
        if (!value.isEmpty()) {
            o.put(field, value);
        }
    }
}
