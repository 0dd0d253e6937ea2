package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.gotemplate.TemplateSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requests Alertmanager's notifiers send for PagerDuty (Events API v2), Opsgenie, Telegram,
 * Discord, Webex and Microsoft Teams workflows (msteamsv2), and through {@link OnCallPayloads} and
 * {@link ChatPayloads} for Pushover, VictorOps, incident.io, Rocket.Chat and Mattermost: same URL,
 * same JSON, same truncation, same firing/resolved difference, from the same templates.
 */
public final class IntegrationPayloads {
    /** The integrations among those {@link IntegrationConfig} carries that one POST delivers ({@link HttpJsonNotifier}). */
    public static final Set<String> POSTED = Set.of("pagerduty", "opsgenie", "telegram", "discord", "webex", "msteamsv2",
            "pushover", "victorops", "incidentio", "rocketchat", "mattermost");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final TemplateSet templates;
    private final OnCallPayloads onCall;
    private final ChatPayloads chat;
    private final JiraPayloads jira;

    public IntegrationPayloads(TemplateSet templates) {
        this.templates = templates;
        this.onCall = new OnCallPayloads(templates);
        this.chat = new ChatPayloads(templates);
        this.jira = new JiraPayloads(templates);
    }

    /** The request for one integration; {@code truncated} counts the alerts {@code max_alerts} left out (incident.io). */
    public Notification render(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                               long truncated) {
        boolean resolved = data.status().equals("resolved");
        return switch (c.type()) {
            case "pushover" -> onCall.pushover(receiver, integration, groupKey, c, data);
            case "victorops" -> onCall.victorops(receiver, integration, groupKey, c, data, resolved);
            case "incidentio" -> onCall.incidentio(receiver, integration, groupKey, c, data, truncated);
            case "rocketchat" -> chat.rocketchat(receiver, integration, groupKey, c, data);
            case "mattermost" -> chat.mattermost(receiver, integration, groupKey, c, data);
            case "wechat" -> chat.wechat(receiver, integration, groupKey, c, data);
            case "jira" -> jira.issue(receiver, integration, groupKey, c, data, resolved);
            case "pagerduty" -> pagerduty(receiver, integration, groupKey, c, data, resolved);
            case "opsgenie" -> opsgenie(receiver, integration, groupKey, c, data, resolved);
            case "telegram" -> telegram(receiver, integration, groupKey, c, data);
            case "discord" -> discord(receiver, integration, groupKey, c, data, resolved);
            case "webex" -> webex(receiver, integration, groupKey, c, data);
            case "msteamsv2" -> msteamsv2(receiver, integration, groupKey, c, data, resolved);
            default -> throw new IllegalArgumentException(c.type() + " notifications are not sent by this version");
        };
    }

    /** Events API v2 (routing_key); a service_key sends the v1 event to PagerDuty's fixed v1 URL. */
    private HttpNotification pagerduty(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                                       boolean resolved) {
        boolean v1 = !c.secret("service_key").isEmpty();
        String summary = truncateRunes(expand(c.string("description"), data), 1024);
        ObjectNode o = GoJson.object();
        if (v1) {
            o.put("service_key", expand(c.secret("service_key").value(), data));
            o.put("incident_key", hash(groupKey));
            o.put("event_type", resolved ? "resolve" : "trigger");
            o.put("description", summary);
            o.put("event_action", "");
            o.putNull("payload");
            if (!resolved) {
                putIfNotEmpty(o, "client", expand(c.string("client"), data));
                putIfNotEmpty(o, "client_url", expand(c.string("client_url"), data));
            }
            o.set("details", details(c, data));
            return new HttpNotification(receiver, integration, groupKey, "pagerduty",
                    Secret.of("https://events.pagerduty.com/generic/2010-04-15/create_event.json"), c.httpConfig(), GoJson.write(o));
        }
        o.put("routing_key", expand(c.secret("routing_key").value(), data));
        o.put("dedup_key", hash(groupKey));
        o.put("event_action", resolved ? "resolve" : "trigger");
        ObjectNode payload = o.putObject("payload");
        payload.put("summary", summary);
        payload.put("source", expand(c.string("source"), data));
        String severity = expand(c.string("severity"), data);
        payload.put("severity", severity.isEmpty() ? "error" : severity);
        putIfNotEmpty(payload, "class", expand(c.string("class"), data));
        putIfNotEmpty(payload, "component", expand(c.string("component"), data));
        putIfNotEmpty(payload, "group", expand(c.string("group"), data));
        ObjectNode details = details(c, data);
        if (!details.isEmpty()) {
            payload.set("custom_details", details);
        }
        putIfNotEmpty(o, "client", expand(c.string("client"), data));
        putIfNotEmpty(o, "client_url", expand(c.string("client_url"), data));
        ArrayNode images = GoJson.object().arrayNode();
        if (c.settings().get("images") instanceof JsonNode list) {
            for (JsonNode i : list) {
                String src = expand(i.path("src").asText(""), data);
                if (!src.isEmpty()) {
                    ObjectNode io = images.addObject();
                    io.put("src", src);
                    io.put("alt", expand(i.path("alt").asText(""), data));
                    io.put("href", expand(i.path("href").asText(""), data));
                }
            }
        }
        if (!images.isEmpty()) {
            o.set("images", images);
        }
        ArrayNode links = GoJson.object().arrayNode();
        if (c.settings().get("links") instanceof JsonNode list) {
            for (JsonNode l : list) {
                String href = expand(l.path("href").asText(""), data);
                if (!href.isEmpty()) {
                    ObjectNode lo = links.addObject();
                    lo.put("href", href);
                    lo.put("text", expand(l.path("text").asText(""), data));
                }
            }
        }
        if (!links.isEmpty()) {
            o.set("links", links);
        }
        return new HttpNotification(receiver, integration, groupKey, "pagerduty", Secret.of(c.string("url")), c.httpConfig(), GoJson.write(o));
    }

    /**
     * Each detail templated, then read as YAML as Alertmanager does, so {@code {{ .Alerts.Firing | len }}}
     * is the number 1 and {@code toJson} output a JSON array; keys sorted.
     */
    private ObjectNode details(IntegrationConfig c, TemplateData data) {
        ObjectNode out = GoJson.object();
        Map<String, Object> sorted = new TreeMap<>();
        if (c.settings().get("details") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        }
        sorted.forEach((k, v) -> {
            if (v instanceof JsonNode n && !n.isValueNode()) {
                out.set(k, n);
                return;
            }
            String text = expand(String.valueOf(v instanceof JsonNode n ? n.asText() : v), data);
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? null : YAML.readTree(text);
            } catch (java.io.IOException e) {
                parsed = null;
            }
            if (text.isBlank()) {
                out.putNull(k);
            } else if (parsed == null || parsed.isTextual() || parsed.isMissingNode()) {
                out.put(k, text);
            } else {
                out.set(k, parsed);
            }
        });
        return out;
    }

    /** Creates the alert (alias: the group key's hash), or closes it once the group resolved. */
    private HttpNotification opsgenie(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                                      boolean resolved) {
        String base = c.string("api_url");
        String alias = hash(groupKey);
        var http = c.httpConfig().withAuthorization("GenieKey", Secret.of(expand(c.secret("api_key").value(), data).strip()));
        if (resolved) {
            ObjectNode o = GoJson.object();
            o.put("source", expand(c.string("source"), data));
            return new HttpNotification(receiver, integration, groupKey, "opsgenie",
                    Secret.of(base + "v2/alerts/" + alias + "/close?identifierType=alias"), http, GoJson.write(o));
        }
        ObjectNode o = GoJson.object();
        o.put("alias", alias);
        o.put("message", truncateRunes(expand(c.string("message"), data), 130));
        putIfNotEmpty(o, "description", expand(c.string("description"), data));
        ObjectNode details = o.putObject("details");
        Map<String, String> d = new TreeMap<>(data.commonLabels());
        if (c.settings().get("details") instanceof JsonNode n) {
            n.fields().forEachRemaining(e -> d.put(e.getKey(), expand(e.getValue().asText(""), data)));
        }
        d.forEach(details::put);
        o.put("source", expand(c.string("source"), data));
        opsgenieRecipients(o, "responders", c.settings().get("responders"), data);
        opsgenieRecipients(o, "visibleTo", c.settings().get("visible_to"), data);
        putList(o, "tags", safeSplit(expand(c.string("tags"), data)));
        putIfNotEmpty(o, "note", expand(c.string("note"), data));
        putIfNotEmpty(o, "priority", expand(c.string("priority"), data));
        putIfNotEmpty(o, "entity", expand(c.string("entity"), data));
        putList(o, "actions", safeSplit(expand(c.string("actions"), data)));
        HttpNotification create = new HttpNotification(receiver, integration, groupKey, "opsgenie", Secret.of(base + "v2/alerts"), http,
                GoJson.write(o));
        if (!Boolean.parseBoolean(c.string("update_alerts"))) {
            return create;
        }
        // update_alerts: an alert that already exists gets this notification's message and description too
        String at = base + "v2/alerts/" + alias;
        return create.followedBy(java.util.List.of(
                new HttpNotification(receiver, integration, groupKey, "opsgenie", "PUT", Secret.of(at + "/message?identifierType=alias"), http,
                        GoJson.write(GoJson.object().put("message", o.path("message").asText())), Map.of(), "application/json", java.util.List.of()),
                new HttpNotification(receiver, integration, groupKey, "opsgenie", "PUT", Secret.of(at + "/description?identifierType=alias"),
                        http, GoJson.write(opsgenieDescription(o.path("description").asText(""))), Map.of(), "application/json",
                        java.util.List.of())));
    }

    /** Alertmanager's update body: {@code description} left out when empty ({@code omitempty}). */
    private static ObjectNode opsgenieDescription(String description) {
        ObjectNode o = GoJson.object();
        putIfNotEmpty(o, "description", description);
        return o;
    }

    /** Responders or visible-to entries: each templated, empty ones left out, a "teams" entry split into one team per name. */
    private void opsgenieRecipients(ObjectNode o, String field, Object configured, TemplateData data) {
        if (!(configured instanceof JsonNode rs)) {
            return;
        }
        ArrayNode out = GoJson.object().arrayNode();
        for (JsonNode r : rs) {
            String type = expand(r.path("type").asText(""), data);
            String name = expand(r.path("name").asText(""), data);
            if (type.equals("teams")) {
                for (String team : safeSplit(name)) {
                    out.addObject().put("name", team).put("type", "team");
                }
                continue;
            }
            ObjectNode ro = GoJson.object();
            putIfNotEmpty(ro, "id", expand(r.path("id").asText(""), data));
            putIfNotEmpty(ro, "name", name);
            putIfNotEmpty(ro, "username", expand(r.path("username").asText(""), data));
            if (!ro.isEmpty() || !type.isEmpty()) {
                ro.put("type", type);
                out.add(ro);
            }
        }
        if (!out.isEmpty()) {
            o.set(field, out);
        }
    }

    /** The Bot API's sendMessage, every value a JSON string as the Go client sends them; the token is in the URL. */
    private HttpNotification telegram(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        String mode = c.string("parse_mode");
        String text = truncateRunes(expand(c.string("message"), mode.equals("HTML") ? data.htmlEscaped() : data), 4096);
        ObjectNode o = GoJson.object();
        o.put("chat_id", c.string("chat_id").strip());
        if (c.settings().containsKey("disable_notifications") && Boolean.parseBoolean(c.string("disable_notifications"))) {
            o.put("disable_notification", "true");
        }
        o.put("disable_web_page_preview", "true");
        String thread = c.string("message_thread_id");
        if (!thread.isEmpty() && !thread.equals("0")) {
            o.put("message_thread_id", thread);
        }
        if (!mode.isEmpty()) {
            o.put("parse_mode", mode);
        }
        o.put("text", text);
        String url = c.string("api_url") + "/bot" + c.secret("bot_token").value().strip() + "/sendMessage";
        return new HttpNotification(receiver, integration, groupKey, "telegram", Secret.of(url), c.httpConfig(), GoJson.write(o));
    }

    private HttpNotification discord(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                                     boolean resolved) {
        ObjectNode o = GoJson.object();
        o.put("content", truncateRunes(expand(c.string("content"), data), 2000));
        ObjectNode embed = o.putArray("embeds").addObject();
        embed.put("title", truncateRunes(expand(c.string("title"), data), 256));
        embed.put("description", truncateRunes(expand(c.string("message"), data), 4096));
        embed.put("color", resolved ? 0x2ECC71 : 0x992D22);
        putIfNotEmpty(o, "username", c.string("username"));
        putIfNotEmpty(o, "avatar_url", c.string("avatar_url"));
        return new HttpNotification(receiver, integration, groupKey, "discord", Secret.of(c.secret("webhook_url").value().strip()),
                c.httpConfig(), GoJson.write(o));
    }

    private HttpNotification webex(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        ObjectNode o = GoJson.object();
        o.put("markdown", truncateBytes(expand(c.string("message"), data), 7439));
        putIfNotEmpty(o, "roomId", expand(c.string("room_id"), data));
        return new HttpNotification(receiver, integration, groupKey, "webex", Secret.of(c.string("api_url")), c.httpConfig(), GoJson.write(o));
    }

    /** A Power Automate workflow's Adaptive Card message. */
    private HttpNotification msteamsv2(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data,
                                       boolean resolved) {
        ObjectNode o = GoJson.object();
        o.put("type", "message");
        ObjectNode att = o.putArray("attachments").addObject();
        att.put("contentType", "application/vnd.microsoft.card.adaptive");
        att.putNull("contentUrl");
        ObjectNode card = att.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.2");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", expand(c.string("title"), data)).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true).put("style", "heading").put("color", resolved ? "Good" : "Attention");
        body.addObject().put("type", "TextBlock").put("text", expand(c.string("text"), data)).put("wrap", true);
        card.putObject("msteams").put("width", "full");
        return new HttpNotification(receiver, integration, groupKey, "msteamsv2", Secret.of(c.secret("webhook_url").value().strip()),
                c.httpConfig(), GoJson.write(o));
    }

    private String expand(String template, TemplateData data) {
        return template.isEmpty() ? "" : templates.expand(template, data);
    }

    /** Lower-case hex SHA-256 of the group key: Alertmanager's dedup key and Opsgenie alias. */
    static String hash(String groupKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most n runes, the last one "…" when cut, as Alertmanager's TruncateInRunes. */
    static String truncateRunes(String s, int n) {
        int runes = s.codePointCount(0, s.length());
        if (runes <= n) {
            return s;
        }
        if (n <= 3) {
            return s.substring(0, s.offsetByCodePoints(0, n));
        }
        return s.substring(0, s.offsetByCodePoints(0, n - 1)) + "…";
    }

    /** At most n UTF-8 bytes, ending in "…" when cut, never splitting a character. */
    static String truncateBytes(String s, int n) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= n) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > n - 3) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.append('…').toString();
    }

    private static java.util.List<String> safeSplit(String s) {
        return java.util.Arrays.stream(s.strip().split(",")).filter(p -> !p.isEmpty()).toList();
    }

    private static void putList(ObjectNode o, String key, java.util.List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(key);
            values.forEach(a::add);
        }
    }

    private static void putIfNotEmpty(ObjectNode o, String field, String value) {
        if (!value.isEmpty()) {
            o.put(field, value);
        }
    }
}
