package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.gotemplate.TemplateSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requests Alertmanager's Rocket.Chat, Mattermost and WeChat notifiers send: same URL, headers
 * and JSON (fields in the order Alertmanager's structs declare them, empty ones left out where
 * their JSON tags say so), from the same templates.
 */
final class ChatPayloads {
    private static final List<String> MATTERMOST_ATTACHMENT = List.of("fallback", "color", "pretext", "text", "author_name",
            "author_link", "author_icon", "title", "title_link", "fields", "thumb_url", "footer", "footer_icon", "image_url");
    private static final List<String> MATTERMOST_PRIORITIES = List.of("urgent", "important", "standard");

    private final TemplateSet templates;

    ChatPayloads(TemplateSet templates) {
        this.templates = templates;
    }

    private String expand(String template, TemplateData data) {
        return template.isEmpty() ? "" : templates.expand(template, data);
    }

    private String expand(JsonNode node, String field, TemplateData data) {
        return expand(node.path(field).asText(""), data);
    }

    /**
     * Rocket.Chat's {@code chat.postMessage} with the token pair as {@code X-Auth-Token} and
     * {@code X-User-Id}; one attachment holding title (at most 1024 runes), link, text, images,
     * colour, fields and button actions.
     */
    HttpNotification rocketchat(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        ObjectNode o = GoJson.object();
        putIfNotEmpty(o, "channel", expand(c.string("channel"), data));
        putIfNotEmpty(o, "emoji", expand(c.string("emoji"), data));
        putIfNotEmpty(o, "avatar", expand(c.string("icon_url"), data));
        ObjectNode att = o.putArray("attachments").addObject();
        putIfNotEmpty(att, "title", IntegrationPayloads.truncateRunes(expand(c.string("title"), data), 1024));
        putIfNotEmpty(att, "title_link", expand(c.string("title_link"), data));
        putIfNotEmpty(att, "text", expand(c.string("text"), data));
        putIfNotEmpty(att, "image_url", expand(c.string("image_url"), data));
        putIfNotEmpty(att, "thumb_url", expand(c.string("thumb_url"), data));
        putIfNotEmpty(att, "color", expand(c.string("color"), data));
        if (c.settings().get("fields") instanceof JsonNode fields && !fields.isEmpty()) {
            boolean shortDefault = Boolean.parseBoolean(c.string("short_fields"));
            ArrayNode a = att.putArray("fields");
            for (JsonNode field : fields) {
                ObjectNode fo = a.addObject();
                fo.put("short", field.has("short") ? field.path("short").asBoolean() : shortDefault);
                putIfNotEmpty(fo, "title", expand(field, "title", data));
                putIfNotEmpty(fo, "value", expand(field, "value", data));
            }
        }
        if (c.settings().get("actions") instanceof JsonNode actions && !actions.isEmpty()) {
            ArrayNode a = att.putArray("actions");
            for (JsonNode action : actions) {
                ObjectNode ao = a.addObject();
                ao.put("type", "button");
                putIfNotEmpty(ao, "text", expand(action, "text", data));
                putIfNotEmpty(ao, "url", expand(action, "url", data));
                ao.put("is_webview", false);
                putIfNotEmpty(ao, "msg", expand(action, "msg", data));
                ao.put("msg_in_chat_window", false);
            }
        }
        String base = c.string("api_url");
        String url = (base.endsWith("/") ? base : base + "/") + "api/v1/chat.postMessage";
        Map<String, Secret> headers = new LinkedHashMap<>();
        headers.put("X-Auth-Token", Secret.of(c.secret("token").value().strip()));
        headers.put("X-User-Id", Secret.of(c.secret("token_id").value().strip()));
        return new HttpNotification(receiver, integration, groupKey, "rocketchat", Secret.of(url), c.httpConfig(), GoJson.write(o),
                headers, "application/json");
    }

    /**
     * A Mattermost incoming webhook: text (at most 16383 runes), channel, username, icons, the
     * configured attachments, {@code props.card} and a message priority normalised as Mattermost
     * takes it (acknowledgement only above standard, persistent notifications only when urgent).
     */
    HttpNotification mattermost(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        ObjectNode o = GoJson.object();
        putIfNotEmpty(o, "text", IntegrationPayloads.truncateRunes(expand(c.string("text"), data), 16383));
        putIfNotEmpty(o, "channel", expand(c.string("channel"), data));
        putIfNotEmpty(o, "username", expand(c.string("username"), data));
        putIfNotEmpty(o, "icon_url", expand(c.string("icon_url"), data));
        putIfNotEmpty(o, "icon_emoji", expand(c.string("icon_emoji"), data));
        if (c.settings().get("attachments") instanceof JsonNode attachments && !attachments.isEmpty()) {
            ArrayNode a = o.putArray("attachments");
            for (JsonNode at : attachments) {
                ObjectNode ao = a.addObject();
                for (String field : MATTERMOST_ATTACHMENT) {
                    if (field.equals("fields")) {
                        if (at.path("fields").isArray() && !at.path("fields").isEmpty()) {
                            ArrayNode fa = ao.putArray("fields");
                            for (JsonNode f : at.path("fields")) {
                                ObjectNode fo = fa.addObject();
                                fo.put("title", expand(f, "title", data));
                                fo.put("value", expand(f, "value", data));
                                if (f.has("short")) {
                                    fo.put("short", f.path("short").asBoolean());
                                }
                            }
                        }
                    } else {
                        putIfNotEmpty(ao, field, expand(at, field, data));
                    }
                }
            }
        }
        putIfNotEmpty(o, "type", expand(c.string("type"), data));
        if (c.settings().get("props") instanceof JsonNode props && !props.path("card").asText("").isEmpty()) {
            o.putObject("props").put("card", expand(props, "card", data));
        }
        if (c.settings().get("priority") instanceof JsonNode priority && !priority.path("priority").asText("").isEmpty()) {
            String p = expand(priority, "priority", data).toLowerCase(Locale.ROOT);
            if (!MATTERMOST_PRIORITIES.contains(p)) {
                p = "standard";
            }
            ObjectNode po = o.putObject("priority");
            po.put("priority", p);
            if (!p.equals("standard") && priority.path("requested_ack").asBoolean(false)) {
                po.put("requested_ack", true);
            }
            if (p.equals("urgent") && priority.path("persistent_notifications").asBoolean(false)) {
                po.put("persistent_notifications", true);
            }
        }
        return new HttpNotification(receiver, integration, groupKey, "mattermost", Secret.of(c.secret("webhook_url").value().strip()),
                c.httpConfig(), GoJson.write(o));
    }

    /**
     * A WeChat Work application message as Alertmanager's WeChat notifier writes it: both
     * {@code text} and {@code markdown} objects present (Go's omitempty keeps empty structs), the
     * message in the one {@code message_type} names, {@code safe} "0", corp id and secret templated.
     */
    WechatMessage wechat(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data) {
        String message = expand(c.string("message"), data);
        boolean markdown = c.string("message_type").equals("markdown");
        ObjectNode o = GoJson.object();
        o.putObject("text").put("content", markdown ? "" : message);
        putIfNotEmpty(o, "touser", expand(c.string("to_user"), data));
        putIfNotEmpty(o, "toparty", expand(c.string("to_party"), data));
        putIfNotEmpty(o, "totag", expand(c.string("to_tag"), data));
        putIfNotEmpty(o, "agentid", expand(c.string("agent_id"), data));
        o.put("safe", "0");
        putIfNotEmpty(o, "msgtype", c.string("message_type"));
        o.putObject("markdown").put("content", markdown ? message : "");
        String apiUrl = c.string("api_url");
        return new WechatMessage(receiver, integration, groupKey, apiUrl.endsWith("/") ? apiUrl : apiUrl + "/",
                expand(c.string("corp_id"), data), Secret.of(expand(c.secret("api_secret").value().strip(), data)), c.httpConfig(),
                GoJson.write(o));
    }

    private static void putIfNotEmpty(ObjectNode o, String field, String value) {
        if (!value.isEmpty()) {
            o.put(field, value);
        }
    }
}
