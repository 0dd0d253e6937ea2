package dev.vigil.alert.config.am;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The receiver integrations beyond email, Slack, Teams and webhooks, read as Alertmanager 0.32
 * reads them: each type's fields (an unknown one is an error), its defaults (the templates of
 * Alertmanager's default.tmpl), its validation in Alertmanager's words, and the global values it
 * falls back to.
 */
final class Integrations {
    /** Alertmanager's integrations in the order it checks a receiver's lists. */
    static final List<String> ORDER = List.of("webhook", "email", "slack", "pushover", "pagerduty", "incidentio", "opsgenie", "wechat",
            "victorops", "sns", "telegram", "discord", "webex", "msteams", "msteamsv2", "jira", "rocketchat", "mattermost");
    /** The types whose empty list entry ({@code - }) Alertmanager reads as an empty configuration rather than refusing it. */
    static final Set<String> EMPTY_ENTRY_DEFAULTS = Set.of("slack", "opsgenie", "wechat", "rocketchat");

    private static final Pattern OPSGENIE_RESPONDER_TYPE = Pattern.compile("^(team|teams|user|escalation|schedule)$");
    private static final Set<String> VICTOROPS_FIXED = Set.of("routing_key", "message_type", "state_message", "entity_display_name",
            "monitoring_tool", "entity_id", "entity_state");

    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("pagerduty", Set.of("service_key", "service_key_file", "routing_key", "routing_key_file", "url", "client", "client_url",
                    "description", "details", "images", "links", "source", "severity", "class", "component", "group", "timeout")),
            Map.entry("pushover", Set.of("user_key", "user_key_file", "token", "token_file", "title", "message", "url", "url_title", "device",
                    "sound", "priority", "retry", "expire", "ttl", "html", "monospace")),
            Map.entry("incidentio", Set.of("url", "url_file", "alert_source_token", "alert_source_token_file", "max_alerts", "timeout",
                    "metadata")),
            Map.entry("opsgenie", Set.of("api_key", "api_key_file", "api_url", "message", "description", "source", "details", "entity",
                    "responders", "visible_to", "actions", "tags", "note", "priority", "update_alerts")),
            Map.entry("wechat", Set.of("api_secret", "api_secret_file", "corp_id", "message", "api_url", "to_user", "to_party", "to_tag",
                    "agent_id", "message_type")),
            Map.entry("victorops", Set.of("api_key", "api_key_file", "api_url", "routing_key", "message_type", "state_message",
                    "entity_display_name", "monitoring_tool", "custom_fields")),
            Map.entry("sns", Set.of("api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject", "message", "attributes")),
            Map.entry("telegram", Set.of("api_url", "bot_token", "bot_token_file", "chat_id", "chat_id_file", "message_thread_id", "message",
                    "disable_notifications", "parse_mode")),
            Map.entry("discord", Set.of("webhook_url", "webhook_url_file", "content", "title", "message", "username", "avatar_url")),
            Map.entry("webex", Set.of("api_url", "message", "room_id")),
            Map.entry("msteamsv2", Set.of("webhook_url", "webhook_url_file", "title", "text")),
            Map.entry("jira", Set.of("api_url", "api_type", "project", "summary", "description", "labels", "priority", "issue_type",
                    "reopen_transition", "resolve_transition", "wont_fix_resolution", "reopen_duration", "fields")),
            Map.entry("rocketchat", Set.of("api_url", "token_id", "token_id_file", "token", "token_file", "channel", "color", "title",
                    "title_link", "text", "fields", "short_fields", "emoji", "icon_url", "image_url", "thumb_url", "link_names", "actions")),
            Map.entry("mattermost", Set.of("webhook_url", "webhook_url_file", "channel", "username", "text", "icon_url", "icon_emoji",
                    "attachments", "type", "props", "priority", "fallback", "color", "pretext", "author_name", "author_link", "author_icon",
                    "title", "title_link", "fields", "thumb_url", "footer", "footer_icon", "image_url")));

    /** Whether Alertmanager sends resolved notifications for this type unless told otherwise. */
    private static final Set<String> RESOLVED_BY_DEFAULT = Set.of("pagerduty", "pushover", "incidentio", "opsgenie", "victorops", "sns",
            "telegram", "discord", "webex", "msteamsv2", "jira", "mattermost");

    /** Defaults that are templates of Alertmanager's default.tmpl (or fixed values), per type. */
    private static final Map<String, Map<String, String>> DEFAULTS = Map.ofEntries(
            Map.entry("pagerduty", Map.of("description", "{{ template \"pagerduty.default.description\" .}}",
                    "client", "{{ template \"pagerduty.default.client\" . }}", "client_url", "{{ template \"pagerduty.default.clientURL\" . }}")),
            Map.entry("pushover", Map.of("title", "{{ template \"pushover.default.title\" . }}", "message", "{{ template \"pushover.default.message\" . }}",
                    "url", "{{ template \"pushover.default.url\" . }}", "priority", "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}",
                    "retry", "1m", "expire", "1h")),
            Map.entry("opsgenie", Map.of("message", "{{ template \"opsgenie.default.message\" . }}",
                    "description", "{{ template \"opsgenie.default.description\" . }}", "source", "{{ template \"opsgenie.default.source\" . }}")),
            Map.entry("wechat", Map.of("message", "{{ template \"wechat.default.message\" . }}", "to_user", "{{ template \"wechat.default.to_user\" . }}",
                    "to_party", "{{ template \"wechat.default.to_party\" . }}", "to_tag", "{{ template \"wechat.default.to_tag\" . }}",
                    "agent_id", "{{ template \"wechat.default.agent_id\" . }}")),
            Map.entry("victorops", Map.of("message_type", "CRITICAL", "state_message", "{{ template \"victorops.default.state_message\" . }}",
                    "entity_display_name", "{{ template \"victorops.default.entity_display_name\" . }}",
                    "monitoring_tool", "{{ template \"victorops.default.monitoring_tool\" . }}")),
            Map.entry("sns", Map.of("subject", "{{ template \"sns.default.subject\" . }}", "message", "{{ template \"sns.default.message\" . }}")),
            Map.entry("telegram", Map.of("message", "{{ template \"telegram.default.message\" . }}", "parse_mode", "HTML")),
            Map.entry("discord", Map.of("title", "{{ template \"discord.default.title\" . }}", "message", "{{ template \"discord.default.message\" . }}")),
            Map.entry("webex", Map.of("message", "{{ template \"webex.default.message\" . }}")),
            Map.entry("msteamsv2", Map.of("title", "{{ template \"msteamsv2.default.title\" . }}", "text", "{{ template \"msteamsv2.default.text\" . }}")),
            Map.entry("jira", Map.of("api_type", "auto", "summary", "{{ template \"jira.default.summary\" . }}",
                    "description", "{{ template \"jira.default.description\" . }}", "priority", "{{ template \"jira.default.priority\" . }}")),
            Map.entry("rocketchat", Map.of("color", "{{ if eq .Status \"firing\" }}red{{ else }}green{{ end }}",
                    "emoji", "{{ template \"rocketchat.default.emoji\" . }}", "icon_url", "{{ template \"rocketchat.default.iconurl\" . }}",
                    "text", "{{ template \"rocketchat.default.text\" . }}", "title", "{{ template \"rocketchat.default.title\" . }}",
                    "title_link", "{{ template \"rocketchat.default.titlelink\" . }}")),
            Map.entry("mattermost", Map.of("username", "{{ template \"mattermost.default.username\" . }}",
                    "color", "{{ template \"mattermost.default.color\" . }}", "text", "{{ template \"mattermost.default.text\" . }}",
                    "title", "{{ template \"mattermost.default.title\" . }}", "title_link", "{{ template \"mattermost.default.titlelink\" . }}",
                    "fallback", "{{ template \"mattermost.default.fallback\" . }}")));

    private Integrations() {
    }

    /** One list entry of {@code <type>_configs}. */
    static IntegrationConfig parse(String type, YamlNode n, GlobalConfig g, SecretFiles files) {
        Set<String> allowed = new java.util.HashSet<>(FIELDS.get(type));
        allowed.add("send_resolved");
        allowed.add("http_config");
        n.allowOnly(allowed);
        IntegrationGlobals ig = g.integrations();
        HttpClientConfig local = n.has("http_config") ? HttpConfigParser.parse(n.get("http_config"), files) : null;
        HttpClientConfig http = local == null ? g.httpConfig() : local;
        Map<String, Object> s = new LinkedHashMap<>(DEFAULTS.getOrDefault(type, Map.of()));
        // every field as written, secrets as Secrets (inline or from their *_file)
        for (String f : FIELDS.get(type)) {
            if (f.endsWith("_file")) {
                continue;
            }
            YamlNode v = n.get(f);
            if (FIELDS.get(type).contains(f + "_file")) {
                files.read(n, f).ifPresent(secret -> s.put(f, secret));
            } else if (!v.isMissing()) {
                s.put(f, v.raw().isValueNode() ? v.raw().asText() : v.raw());
            }
        }
        switch (type) {
            case "pagerduty" -> {
                if (!s.containsKey("routing_key") && !s.containsKey("service_key")) {
                    throw n.error("missing service or routing key in PagerDuty config");
                }
                s.put("url", ConfigUrls.optional(n, "url").orElse(ig.pagerdutyUrl()));
                if (s.getOrDefault("source", "").toString().isEmpty()) {
                    s.put("source", s.get("client"));
                }
                Map<String, Object> details = new LinkedHashMap<>();
                if (s.get("details") instanceof JsonNode d) {
                    d.fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue()));
                }
                details.putIfAbsent("firing", "{{ .Alerts.Firing | toJson }}");
                details.putIfAbsent("resolved", "{{ .Alerts.Resolved | toJson }}");
                details.putIfAbsent("num_firing", "{{ .Alerts.Firing | len }}");
                details.putIfAbsent("num_resolved", "{{ .Alerts.Resolved | len }}");
                s.put("details", details);
            }
            case "pushover" -> {
                if (!s.containsKey("user_key")) {
                    throw n.error("one of user_key or user_key_file must be configured");
                }
                if (!s.containsKey("token")) {
                    throw n.error("one of token or token_file must be configured");
                }
                if (n.get("html").bool().orElse(false) && n.get("monospace").bool().orElse(false)) {
                    throw n.error("at most one of monospace & html must be configured");
                }
                for (String d : new String[]{"retry", "expire", "ttl"}) {
                    n.get(d).string().ifPresent(v -> goDuration(n.get(d), v));
                }
            }
            case "incidentio" -> {
                int maxAlerts = n.get("max_alerts").integer().orElse(0);
                if (maxAlerts < 0) {
                    throw n.get("max_alerts").error("max_alerts must not be negative");
                }
                s.put("max_alerts", Integer.toString(maxAlerts));
                if (!n.has("url") && !n.has("url_file")) {
                    throw n.error("one of url or url_file must be configured");
                }
                n.get("url").string().ifPresent(u -> ConfigUrls.check(n.get("url"), u));
                boolean token = s.containsKey("alert_source_token");
                if (local != null && local.hasAuthorization() && token) {
                    throw n.error("cannot specify alert_source_token or alert_source_token_file when using http_config.authorization");
                }
                if (local != null && !local.hasAuthorization() && !token) {
                    throw n.error("at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured");
                }
            }
            case "opsgenie" -> {
                for (String list : new String[]{"responders", "visible_to"}) {
                    String what = list.equals("responders") ? "responder" : "visible_to";
                    for (YamlNode r : n.get(list).list()) {
                        r.allowOnly(Set.of("id", "name", "username", "type"));
                        String desc = "{" + r.get("id").string("") + " " + r.get("name").string("") + " " + r.get("username").string("") + " "
                                + r.get("type").string("") + "}";
                        if (r.get("id").string("").isEmpty() && r.get("username").string("").isEmpty() && r.get("name").string("").isEmpty()) {
                            throw r.error("opsGenieConfig " + what + " " + desc + " has to have at least one of id, username or name specified");
                        }
                        String t = r.get("type").string("");
                        if (!t.contains("{{") && !OPSGENIE_RESPONDER_TYPE.matcher(t.toLowerCase(java.util.Locale.ROOT)).matches()) {
                            throw r.error("opsGenieConfig " + what + " " + desc + " type does not match valid options "
                                    + OPSGENIE_RESPONDER_TYPE.pattern());
                        }
                    }
                }
                s.put("api_url", ConfigUrls.withSlash(ConfigUrls.optional(n, "api_url").orElse(ig.opsgenieApiUrl())));
                if (!s.containsKey("api_key")) {
                    s.put("api_key", ig.opsgenieApiKey().orElseThrow(() ->
                            n.error("no global OpsGenie API Key set either inline or in a file")));
                }
            }
            case "wechat" -> {
                String mt = n.get("message_type").string("");
                s.put("message_type", mt.isEmpty() ? "text" : mt);
                if (!s.get("message_type").equals("text") && !s.get("message_type").equals("markdown")) {
                    throw n.error("weChat message type \"" + mt + "\" does not match valid options ^(text|markdown)$");
                }
                s.put("api_url", ConfigUrls.withSlash(ConfigUrls.optional(n, "api_url").orElse(ig.wechatApiUrl())));
                if (!s.containsKey("api_secret")) {
                    s.put("api_secret", ig.wechatApiSecret().orElseThrow(() ->
                            n.error("no global Wechat Api Secret set either inline or in a file")));
                }
                if (n.get("corp_id").string("").isEmpty()) {
                    s.put("corp_id", ig.wechatApiCorpId().filter(c -> !c.isEmpty()).orElseThrow(() -> n.error("no global Wechat CorpID set")));
                }
            }
            case "victorops" -> {
                if (n.get("routing_key").string("").isEmpty()) {
                    throw n.error("missing Routing key in VictorOps config");
                }
                for (String k : n.get("custom_fields").stringMap().keySet()) {
                    if (VICTOROPS_FIXED.contains(k)) {
                        throw n.error("victorOps config contains custom field " + k
                                + " which cannot be used as it conflicts with the fixed/static fields");
                    }
                }
                s.put("api_url", ConfigUrls.withSlash(ConfigUrls.optional(n, "api_url").orElse(ig.victoropsApiUrl())));
                if (!s.containsKey("api_key")) {
                    s.put("api_key", ig.victoropsApiKey().orElseThrow(() -> n.error("no global VictorOps API Key set")));
                }
            }
            case "sns" -> {
                int set = 0;
                for (String k : new String[]{"target_arn", "topic_arn", "phone_number"}) {
                    set += n.get(k).string("").isEmpty() ? 0 : 1;
                }
                // Alertmanager's check is (a == "") != (b == "") != (c == ""): it refuses none or two of the three
                if (set == 0 || set == 2) {
                    throw n.error("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
                }
                n.get("sigv4").allowOnly(Set.of("region", "access_key", "secret_key", "profile", "role_arn", "external_id",
                        "use_fips_sts_endpoint"));
            }
            case "telegram" -> {
                boolean chatId = n.get("chat_id").raw().asLong(0) != 0;
                if (!chatId && !n.has("chat_id_file")) {
                    throw n.error("missing chat_id or chat_id_file on telegram_config");
                }
                String mode = n.get("parse_mode").string("HTML");
                if (!Set.of("", "Markdown", "MarkdownV2", "HTML").contains(mode)) {
                    throw n.error("unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
                }
                s.put("api_url", ConfigUrls.optional(n, "api_url").orElse(ig.telegramApiUrl()));
                if (!s.containsKey("bot_token")) {
                    s.put("bot_token", ig.telegramBotToken().orElseThrow(() -> n.error("missing bot_token or bot_token_file on telegram_config")));
                }
            }
            case "discord", "msteamsv2" -> {
                if (!s.containsKey("webhook_url")) {
                    throw n.error("one of webhook_url or webhook_url_file must be configured");
                }
                n.get("webhook_url").string().ifPresent(u -> ConfigUrls.check(n.get("webhook_url"), u));
            }
            case "webex" -> {
                if (n.get("room_id").string("").isEmpty()) {
                    throw n.error("missing room_id on webex_config");
                }
                if (local == null || !local.hasAuthorization()) {
                    throw n.error("missing webex_configs.http_config.authorization");
                }
                s.put("api_url", ConfigUrls.optional(n, "api_url").orElse(ig.webexApiUrl()));
            }
            case "jira" -> {
                if (n.get("project").string("").isEmpty()) {
                    throw n.error("missing project in jira_config");
                }
                if (n.get("issue_type").string("").isEmpty()) {
                    throw n.error("missing issue_type in jira_config");
                }
                if (!Set.of("auto", "cloud", "datacenter").contains(String.valueOf(s.get("api_type")))) {
                    throw n.error("unknown api_type on jira_config, must be auto, cloud or datacenter");
                }
                for (String f : new String[]{"summary", "description"}) {
                    YamlNode v = n.get(f);
                    if (!v.isMissing() && !v.raw().isValueNode()) {
                        v.allowOnly(Set.of("template", "enable_update"));
                        s.put(f, v.get("template").string(DEFAULTS.get("jira").get(f)));
                    }
                }
                n.get("reopen_duration").duration();
                s.put("api_url", ConfigUrls.optional(n, "api_url").or(ig::jiraApiUrl)
                        .orElseThrow(() -> n.error("no global Jira Cloud URL set")));
            }
            case "rocketchat" -> {
                s.put("api_url", ConfigUrls.optional(n, "api_url").orElse(ig.rocketchatApiUrl()));
                if (!s.containsKey("token_id")) {
                    s.put("token_id", ig.rocketchatTokenId().orElseThrow(() ->
                            n.error("no global Rocketchat TokenID set either inline or in a file")));
                }
                if (!s.containsKey("token")) {
                    s.put("token", ig.rocketchatToken().orElseThrow(() ->
                            n.error("no global Rocketchat Token set either inline or in a file")));
                }
            }
            case "mattermost" -> {
                for (YamlNode f : n.get("fields").list()) {
                    if (f.get("title").string("").isEmpty()) {
                        throw f.error("missing title in Mattermost field configuration");
                    }
                    if (f.get("value").string("").isEmpty()) {
                        throw f.error("missing value in Mattermost field configuration");
                    }
                }
                if (!s.containsKey("webhook_url")) {
                    s.put("webhook_url", ig.mattermostWebhookUrl().orElseThrow(() ->
                            n.error("missing webhook_url or webhook_url_file on mattermost_config")));
                }
            }
            default -> throw new IllegalStateException("no integration " + type);
        }
        return new IntegrationConfig(type, n.get("send_resolved").bool().orElse(RESOLVED_BY_DEFAULT.contains(type)), http, s);
    }

    /** A Go duration ({@code 1m30s}, not Prometheus' {@code 1d}), as pushover's retry, expire and ttl are. */
    static void goDuration(YamlNode where, String v) {
        try {
            GoDuration.parse(v);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }
}
