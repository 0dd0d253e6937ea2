package dev.vigil.alert.config.am;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads alertmanager.yml in Alertmanager 0.32's format and validates it the way Alertmanager
 * does: unknown fields, undefined receivers or time intervals, a root route without receiver or
 * with matchers, bad matchers and durations, and each integration's own rules (all eighteen of
 * Alertmanager's receiver types) fail with a {@link ConfigException} that names the place and
 * says what Alertmanager says. Receivers get the global defaults and Alertmanager's default
 * templates filled in.
 */
public final class AlertmanagerConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> TOP = Set.of("global", "route", "inhibit_rules", "receivers",
            "templates", "time_intervals", "mute_time_intervals", "tracing");
    private static final Set<String> GLOBAL = Set.of("resolve_timeout", "smtp_from", "smtp_smarthost",
            "smtp_hello", "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_identity",
            "smtp_auth_secret", "smtp_auth_secret_file", "smtp_require_tls", "smtp_tls_config", "smtp_force_implicit_tls",
            "slack_api_url", "slack_api_url_file", "slack_app_token", "slack_app_token_file", "slack_app_url", "http_config",
            "jira_api_url", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file", "wechat_api_url",
            "wechat_api_secret", "wechat_api_secret_file", "wechat_api_corp_id", "victorops_api_url", "victorops_api_key",
            "victorops_api_key_file", "telegram_api_url", "telegram_bot_token", "telegram_bot_token_file", "webex_api_url",
            "rocketchat_api_url", "rocketchat_token", "rocketchat_token_file", "rocketchat_token_id", "rocketchat_token_id_file",
            "mattermost_webhook_url", "mattermost_webhook_url_file");
    private static final Set<String> TRACING = Set.of("client_type", "endpoint", "sampling_fraction", "insecure", "tls_config",
            "headers", "compression", "timeout");
    private static final Set<String> ROUTE = Set.of("receiver", "group_by", "matchers", "match", "match_re",
            "continue", "group_wait", "group_interval", "repeat_interval", "mute_time_intervals",
            "active_time_intervals", "routes");
    private static final Set<String> INHIBIT = Set.of("name", "source_matchers", "target_matchers", "source_match",
            "source_match_re", "target_match", "target_match_re", "equal");
    private static final Set<String> RECEIVER = receiverKeys();
    private static final Set<String> EMAIL = Set.of("send_resolved", "to", "from", "hello", "smarthost",
            "auth_username", "auth_password", "auth_password_file", "auth_secret", "auth_secret_file", "auth_identity", "require_tls",
            "headers", "html", "text", "tls_config", "force_implicit_tls", "threading");
    private static final Set<String> SLACK = Set.of("send_resolved", "api_url", "api_url_file", "app_token", "app_token_file", "app_url",
            "http_config", "channel", "username", "color", "title", "title_link", "pretext", "text", "message_text", "fields",
            "short_fields", "footer", "fallback", "callback_id", "icon_emoji", "icon_url", "image_url", "thumb_url", "link_names",
            "mrkdwn_in", "actions", "update_message", "timeout");
    private static final String SLACK_POST_MESSAGE = "https://slack.com/api/chat.postMessage";
    private static final Set<String> MSTEAMS = Set.of("send_resolved", "webhook_url", "webhook_url_file", "http_config", "title",
            "summary", "text");
    private static final Set<String> WEBHOOK = Set.of("send_resolved", "url", "url_file", "http_config", "max_alerts", "timeout", "payload");
    private static final Set<String> TIME_INTERVAL = Set.of("name", "time_intervals");
    private static final Set<String> TIME_SPEC = Set.of("times", "weekdays", "days_of_month", "months", "years",
            "location");

    private AlertmanagerConfigLoader() {
    }

    private static Set<String> receiverKeys() {
        Set<String> keys = new HashSet<>();
        keys.add("name");
        Integrations.ORDER.forEach(t -> keys.add(t + "_configs"));
        return Set.copyOf(keys);
    }

    /** Loads and validates a configuration file; {@code *_file} paths are relative to its folder. */
    public static AlertmanagerConfig load(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return parse(Files.readString(file), dir == null ? Path.of(".") : dir);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates configuration text; {@code *_file} paths are relative to the working folder. */
    public static AlertmanagerConfig parse(String yaml) {
        return parse(yaml, Path.of("."));
    }

    private static AlertmanagerConfig parse(String yaml, Path dir) {
        SecretFiles files = new SecretFiles(dir);
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("invalid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException("no route provided in config");
        }
        YamlNode top = new YamlNode(root, "").allowOnly(TOP);
        GlobalConfig global = global(top.get("global").allowOnly(GLOBAL), files);
        tracing(top.get("tracing"));

        Map<String, TimeInterval> intervals = new LinkedHashMap<>();
        for (String section : List.of("mute_time_intervals", "time_intervals")) {
            for (YamlNode n : top.get(section).list()) {
                TimeInterval ti = timeInterval(n.allowOnly(TIME_INTERVAL));
                if (intervals.put(ti.name(), ti) != null) {
                    throw n.error("time interval \"" + ti.name() + "\" is not unique");
                }
            }
        }

        List<ReceiverConfig> receivers = new ArrayList<>();
        Set<String> receiverNames = new HashSet<>();
        for (YamlNode n : top.get("receivers").list()) {
            ReceiverConfig r = receiver(n.allowOnly(RECEIVER), global, files);
            if (!receiverNames.add(r.name())) {
                throw n.error("notification config name \"" + r.name() + "\" is not unique");
            }
            receivers.add(r);
        }

        YamlNode routeNode = top.get("route");
        if (routeNode.isMissing() && !top.has("receivers") && !top.has("global") && !top.has("inhibit_rules")) {
            throw new ConfigException("no route provided in config");
        }
        if (routeNode.isMissing()) {
            throw new ConfigException("no routes provided");
        }
        RouteConfig route = route(routeNode);
        if (route.receiver().isEmpty() || route.receiver().get().isEmpty()) {
            throw new ConfigException("root route must specify a default receiver");
        }
        if (!route.matchers().isEmpty()) {
            throw new ConfigException("root route must not have any matchers");
        }
        if (route.continueMatching()) {
            throw new ConfigException("cannot have continue in root route");
        }
        if (!route.muteTimeIntervals().isEmpty()) {
            throw new ConfigException("root route must not have any mute time intervals");
        }
        if (!route.activeTimeIntervals().isEmpty()) {
            throw new ConfigException("root route must not have any active time intervals");
        }
        checkReferences(route, receiverNames, intervals.keySet());

        List<InhibitRuleConfig> inhibit = top.get("inhibit_rules").mapList(n -> inhibitRule(n.allowOnly(INHIBIT)));
        return new AlertmanagerConfig(global, route, inhibit, receivers, intervals, top.get("templates").strings());
    }

    private static void checkReferences(RouteConfig r, Set<String> receivers, Set<String> intervals) {
        r.receiver().ifPresent(name -> {
            if (!receivers.contains(name)) {
                throw new ConfigException("undefined receiver \"" + name + "\" used in route");
            }
        });
        for (String ti : concat(r.muteTimeIntervals(), r.activeTimeIntervals())) {
            if (!intervals.contains(ti)) {
                throw new ConfigException("undefined time interval \"" + ti + "\" used in route");
            }
        }
        for (RouteConfig child : r.routes()) {
            checkReferences(child, receivers, intervals);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static GlobalConfig global(YamlNode g, SecretFiles files) {
        GlobalConfig d = GlobalConfig.defaults();
        IntegrationGlobals di = d.integrations();
        Optional<Secret> slackAppToken = files.read(g, "slack_app_token");
        Optional<Secret> slackApiUrl = files.read(g, "slack_api_url");
        String slackAppUrl = ConfigUrls.optional(g, "slack_app_url").orElse(di.slackAppUrl());
        // Alertmanager lets both stand when the API URL is the app URL (users who set one for the other)
        if (slackAppToken.isPresent() && slackApiUrl.isPresent()
                && !(slackApiUrl.get().file().isEmpty() && slackApiUrl.get().value().equals(slackAppUrl))) {
            throw g.error("at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured");
        }
        ConfigUrls.optional(g, "slack_api_url"); // checked as a URL; the secret above holds it
        HttpConfigParser.tls(g.get("smtp_tls_config"));
        IntegrationGlobals ig = new IntegrationGlobals(slackAppToken, slackAppUrl,
                ConfigUrls.optional(g, "pagerduty_url").orElse(di.pagerdutyUrl()),
                ConfigUrls.optional(g, "opsgenie_api_url").orElse(di.opsgenieApiUrl()),
                files.read(g, "opsgenie_api_key"),
                ConfigUrls.optional(g, "wechat_api_url").orElse(di.wechatApiUrl()),
                files.read(g, "wechat_api_secret"),
                g.get("wechat_api_corp_id").string(),
                ConfigUrls.optional(g, "victorops_api_url").orElse(di.victoropsApiUrl()),
                files.read(g, "victorops_api_key"),
                ConfigUrls.optional(g, "telegram_api_url").orElse(di.telegramApiUrl()),
                files.read(g, "telegram_bot_token"),
                ConfigUrls.optional(g, "webex_api_url").orElse(di.webexApiUrl()),
                ConfigUrls.optional(g, "jira_api_url"),
                ConfigUrls.optional(g, "rocketchat_api_url").orElse(di.rocketchatApiUrl()),
                files.read(g, "rocketchat_token"),
                files.read(g, "rocketchat_token_id"),
                files.read(g, "mattermost_webhook_url"));
        return new GlobalConfig(
                g.get("resolve_timeout").duration().orElse(d.resolveTimeout()),
                g.get("smtp_from").string(),
                g.get("smtp_smarthost").string(),
                g.get("smtp_hello").string(d.smtpHello()),
                g.get("smtp_auth_username").string(),
                files.read(g, "smtp_auth_password").orElse(Secret.of("")),
                g.get("smtp_auth_identity").string(),
                files.read(g, "smtp_auth_secret").orElse(Secret.of("")),
                g.get("smtp_require_tls").bool().orElse(true),
                slackApiUrl,
                HttpConfigParser.parse(g.get("http_config"), files),
                ig);
    }

    /** The {@code tracing} block: read for its errors (Vigil traces nothing to a collector of its own). */
    private static void tracing(YamlNode t) {
        if (t.isMissing()) {
            return;
        }
        t.allowOnly(TRACING);
        String client = t.get("client_type").string("grpc");
        if (!client.equals("grpc") && !client.equals("http")) {
            throw t.error("expected tracing client type to be to be http or grpc, but got " + client);
        }
        if (t.get("endpoint").string("").isEmpty()) {
            throw t.error("tracing endpoint must be set");
        }
        String compression = t.get("compression").string("");
        if (!compression.isEmpty() && !compression.equals("gzip")) {
            throw t.error("invalid compression type " + compression + " provided, valid options: gzip");
        }
        HttpConfigParser.tls(t.get("tls_config"));
    }

    private static HttpClientConfig http(YamlNode h, SecretFiles files) {
        return HttpConfigParser.parse(h, files);
    }

    private static RouteConfig route(YamlNode n) {
        n.allowOnly(ROUTE);
        Optional<List<String>> groupBy = n.has("group_by") ? Optional.of(n.get("group_by").strings()) : Optional.empty();
        groupBy.ifPresent(list -> checkGroupBy(n.get("group_by"), list));
        List<LabelMatcher> matchers = new ArrayList<>();
        n.get("match").stringMap().forEach((k, v) -> matchers.add(matcher(n.get("match"), MatchType.EQUAL, k, v)));
        noNullRegexps(n.get("match_re"));
        n.get("match_re").stringMap().forEach((k, v) -> matchers.add(matcher(n.get("match_re"), MatchType.REGEX, k, v)));
        for (YamlNode m : n.get("matchers").list()) {
            String text = m.string().orElseThrow(() -> m.error("expected a matcher string"));
            try {
                matchers.addAll(MatcherParser.parseList(text));
            } catch (ConfigException e) {
                throw m.error(e.getMessage());
            }
        }
        Optional<Duration> groupInterval = n.get("group_interval").duration();
        if (groupInterval.isPresent() && groupInterval.get().isZero()) {
            throw n.error("group_interval cannot be zero");
        }
        Optional<Duration> repeatInterval = n.get("repeat_interval").duration();
        if (repeatInterval.isPresent() && repeatInterval.get().isZero()) {
            throw n.error("repeat_interval cannot be zero");
        }
        return new RouteConfig(
                n.get("receiver").string(),
                groupBy,
                matchers,
                n.get("continue").bool().orElse(false),
                n.get("group_wait").duration(),
                groupInterval,
                repeatInterval,
                n.get("mute_time_intervals").strings(),
                n.get("active_time_intervals").strings(),
                n.get("routes").mapList(AlertmanagerConfigLoader::route));
    }

    /** {@code match_re: {label: }}: Alertmanager has no regexp to compile and refuses it. */
    private static void noNullRegexps(YamlNode matchRe) {
        if (!matchRe.isMissing() && matchRe.raw().isObject()) {
            matchRe.raw().fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    throw matchRe.error("invalid regexp value for \"" + e.getKey() + "\"");
                }
            });
        }
    }

    private static void checkGroupBy(YamlNode n, List<String> groupBy) {
        Set<String> seen = new HashSet<>();
        for (String l : groupBy) {
            if (l.equals("...")) {
                if (groupBy.size() > 1) {
                    throw n.error("cannot have wildcard group_by (`...`) and other labels at the same time");
                }
                continue;
            }
            if (!MatcherParser.isValidLabelName(l)) {
                throw n.error("invalid label name \"" + l + "\" in group_by list");
            }
            if (!seen.add(l)) {
                throw n.error("duplicated label \"" + l + "\" in group_by");
            }
        }
    }

    private static LabelMatcher matcher(YamlNode where, MatchType type, String name, String value) {
        try {
            return MatcherParser.matcher(type, name, value);
        } catch (ConfigException e) {
            throw where.error(e.getMessage());
        }
    }

    private static InhibitRuleConfig inhibitRule(YamlNode n) {
        List<String> equal = n.get("equal").strings();
        for (String l : equal) {
            if (!MatcherParser.isValidLabelName(l)) {
                throw n.get("equal").error("invalid label name \"" + l + "\" in equal list");
            }
        }
        return new InhibitRuleConfig(side(n, "source"), side(n, "target"), Set.copyOf(equal));
    }

    private static List<LabelMatcher> side(YamlNode n, String side) {
        List<LabelMatcher> out = new ArrayList<>();
        YamlNode match = n.get(side + "_match");
        YamlNode matchRe = n.get(side + "_match_re");
        noNullRegexps(matchRe);
        match.stringMap().forEach((k, v) -> out.add(matcher(match, MatchType.EQUAL, k, v)));
        matchRe.stringMap().forEach((k, v) -> out.add(matcher(matchRe, MatchType.REGEX, k, v)));
        for (YamlNode m : n.get(side + "_matchers").list()) {
            try {
                out.addAll(MatcherParser.parseList(m.string().orElse("")));
            } catch (ConfigException e) {
                throw m.error(e.getMessage());
            }
        }
        return out;
    }

    private static ReceiverConfig receiver(YamlNode n, GlobalConfig g, SecretFiles files) {
        String name = n.get("name").string("");
        if (name.isEmpty()) {
            throw n.error("missing name in receiver");
        }
        List<EmailConfig> email = new ArrayList<>();
        List<SlackConfig> slack = new ArrayList<>();
        List<MsTeamsConfig> msteams = new ArrayList<>();
        List<WebhookConfig> webhook = new ArrayList<>();
        List<IntegrationConfig> others = new ArrayList<>();
        for (String type : Integrations.ORDER) {
            for (YamlNode e : n.get(type + "_configs").list()) {
                if (e.isNull()) {
                    if (!Integrations.EMPTY_ENTRY_DEFAULTS.contains(type)) {
                        throw e.error("missing " + type + " config");
                    }
                    e = new YamlNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), e.path());
                }
                switch (type) {
                    case "email" -> email.add(email(e.allowOnly(EMAIL), g, files));
                    case "slack" -> slack.add(slack(e.allowOnly(SLACK), g, files));
                    case "msteams" -> msteams.add(msteams(e.allowOnly(MSTEAMS), g, files));
                    case "webhook" -> webhook.add(webhook(e.allowOnly(WEBHOOK), g, files));
                    default -> others.add(Integrations.parse(type, e, g, files));
                }
            }
        }
        return new ReceiverConfig(name, email, slack, msteams, webhook, others);
    }

    private static EmailConfig email(YamlNode n, GlobalConfig g, SecretFiles files) {
        String to = n.get("to").string("");
        if (to.isEmpty()) {
            throw n.error("missing to address in email config");
        }
        String smarthost = n.get("smarthost").string().or(g::smtpSmarthost)
                .orElseThrow(() -> n.error("no global SMTP smarthost set"));
        String from = n.get("from").string().or(g::smtpFrom).orElseThrow(() -> n.error("no global SMTP from set"));
        Map<String, String> headers = new LinkedHashMap<>();
        n.get("headers").stringMap().forEach((k, v) -> {
            if (headers.put(canonicalHeader(k), v) != null) {
                throw n.error("duplicate header \"" + canonicalHeader(k) + "\" in email config");
            }
        });
        YamlNode threading = n.get("threading").allowOnly(Set.of("enabled", "thread_by_date"));
        if (threading.get("enabled").bool().orElse(false)) {
            if (headers.containsKey("References")) {
                throw n.error("conflicting configuration: threading.enabled conflicts with custom References header");
            }
            if (headers.containsKey("In-Reply-To")) {
                throw n.error("conflicting configuration: threading.enabled conflicts with custom In-Reply-To header");
            }
            String by = threading.get("thread_by_date").string("");
            if (!by.equals("none") && !by.equals("daily")) {
                throw threading.error("threading.thread_by_date must be either 'none' or 'daily'");
            }
        }
        HttpConfigParser.tls(n.get("tls_config"));
        n.get("smarthost").string().ifPresent(h -> hostPort(n.get("smarthost"), h));
        headers.putIfAbsent("To", to);
        headers.putIfAbsent("From", from);
        headers.putIfAbsent("Subject", "{{ template \"email.default.subject\" . }}");
        return new EmailConfig(
                n.get("send_resolved").bool().orElse(false),
                to, from,
                n.get("hello").string(g.smtpHello()),
                smarthost,
                n.get("auth_username").string().or(g::smtpAuthUsername).orElse(""),
                files.read(n, "auth_password").orElse(g.smtpAuthPassword()),
                n.get("auth_identity").string().or(g::smtpAuthIdentity).orElse(""),
                files.read(n, "auth_secret").orElse(g.smtpAuthSecret()),
                n.get("require_tls").bool().orElse(g.smtpRequireTls()),
                headers,
                n.get("html").string("{{ template \"email.default.html\" . }}"),
                n.get("text").string("{{ template \"email.default.text\" . }}"));
    }

    /** Go's net.SplitHostPort check of an SMTP smarthost ("" is allowed; "localhost" without a port is not). */
    private static void hostPort(YamlNode where, String hp) {
        if (hp.isEmpty()) {
            return;
        }
        int colon = hp.lastIndexOf(':');
        if (colon < 0) {
            throw where.error("address " + hp + ": missing port in address");
        }
        if (colon == hp.length() - 1) {
            throw where.error("address \"" + hp + "\": port cannot be empty");
        }
    }

    /** Title-cases a header name as Go's textproto.CanonicalMIMEHeaderKey does. */
    private static String canonicalHeader(String k) {
        StringBuilder sb = new StringBuilder(k.length());
        boolean upper = true;
        for (char c : k.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    private static SlackConfig slack(YamlNode n, GlobalConfig g, SecretFiles files) {
        Optional<Secret> apiUrl = files.read(n, "api_url");
        Optional<Secret> appToken = files.read(n, "app_token");
        if (apiUrl.isPresent() && appToken.isPresent()) {
            throw n.error("at most one of api_url/api_url_file & app_token/app_token_file must be configured");
        }
        ConfigUrls.optional(n, "api_url");
        // checked before the global defaults, as Alertmanager 0.32 does: only a local chat.postMessage URL qualifies
        if (n.get("update_message").bool().orElse(false) && !n.get("api_url").string("").equals(SLACK_POST_MESSAGE)) {
            throw n.error("update_message can only be used with bot tokens. api_url must be set to " + SLACK_POST_MESSAGE);
        }
        for (YamlNode f : n.get("fields").list()) {
            f.allowOnly(Set.of("title", "value", "short"));
            if (f.get("title").string("").isEmpty()) {
                throw f.error("missing title in Slack field configuration");
            }
            if (f.get("value").string("").isEmpty()) {
                throw f.error("missing value in Slack field configuration");
            }
        }
        for (YamlNode a : n.get("actions").list()) {
            a.allowOnly(Set.of("type", "text", "url", "style", "name", "value", "confirm"));
            if (a.get("type").string("").isEmpty()) {
                throw a.error("missing type in Slack action configuration");
            }
            if (a.get("text").string("").isEmpty()) {
                throw a.error("missing text in Slack action configuration");
            }
            if (a.get("url").string("").isEmpty() && a.get("name").string("").isEmpty()) {
                throw a.error("missing name or url in Slack action configuration");
            }
            YamlNode confirm = a.get("confirm").allowOnly(Set.of("text", "title", "ok_text", "dismiss_text"));
            if (!confirm.isMissing() && confirm.get("text").string("").isEmpty()) {
                throw confirm.error("missing text in Slack confirmation configuration");
            }
        }
        String appUrl = ConfigUrls.optional(n, "app_url").orElse(g.integrations().slackAppUrl());
        HttpClientConfig http = n.has("http_config") ? http(n.get("http_config"), files) : g.httpConfig();
        if (appToken.isEmpty() && !http.hasAuthorization() && apiUrl.isEmpty()) {
            appToken = g.integrations().slackAppToken();
        }
        if (apiUrl.isEmpty()) {
            apiUrl = g.slackApiUrl();
        }
        if (apiUrl.isEmpty() && appToken.isEmpty()) {
            throw n.error("no Slack API URL nor App token set either inline or in a file");
        }
        Secret url;
        if (appToken.isPresent()) {
            if (n.has("http_config") && http.hasAuthorization()) {
                throw n.error("http authorization can't be set when using Slack App tokens");
            }
            http = http.withAuthorization("Bearer", appToken.get());
            url = Secret.of(appUrl);
        } else {
            url = apiUrl.get();
        }
        return new SlackConfig(
                n.get("send_resolved").bool().orElse(false),
                url,
                http,
                n.get("channel").string(""),
                n.get("username").string("{{ template \"slack.default.username\" . }}"),
                n.get("color").string("{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"),
                n.get("title").string("{{ template \"slack.default.title\" . }}"),
                n.get("title_link").string("{{ template \"slack.default.titlelink\" . }}"),
                n.get("pretext").string("{{ template \"slack.default.pretext\" . }}"),
                n.get("text").string("{{ template \"slack.default.text\" . }}"),
                n.get("fallback").string("{{ template \"slack.default.fallback\" . }}"),
                n.get("callback_id").string("{{ template \"slack.default.callbackid\" . }}"),
                n.get("footer").string("{{ template \"slack.default.footer\" . }}"),
                n.get("icon_emoji").string("{{ template \"slack.default.iconemoji\" . }}"),
                n.get("icon_url").string("{{ template \"slack.default.iconurl\" . }}"),
                n.get("link_names").bool().orElse(false),
                n.has("mrkdwn_in") ? n.get("mrkdwn_in").strings() : List.of("fallback", "pretext", "text"));
    }

    private static MsTeamsConfig msteams(YamlNode n, GlobalConfig g, SecretFiles files) {
        Secret url = files.read(n, "webhook_url")
                .orElseThrow(() -> n.error("one of webhook_url or webhook_url_file must be configured"));
        return new MsTeamsConfig(
                n.get("send_resolved").bool().orElse(true),
                url,
                n.has("http_config") ? http(n.get("http_config"), files) : g.httpConfig(),
                n.get("title").string("{{ template \"msteams.default.title\" . }}"),
                n.get("summary").string("{{ template \"msteams.default.summary\" . }}"),
                n.get("text").string("{{ template \"msteams.default.text\" . }}"));
    }

    private static WebhookConfig webhook(YamlNode n, GlobalConfig g, SecretFiles files) {
        Secret url = files.read(n, "url").orElseThrow(() -> n.error("one of url or url_file must be configured"));
        String inline = n.get("url").string("");
        // a URL with a template ({{ .GroupLabels.team }}) is checked once expanded, at send time
        if (!inline.isEmpty() && !inline.equals(SecretMasking.MASK) && !inline.contains("{{")) {
            try {
                ConfigUrls.check(n.get("url"), inline);
            } catch (ConfigException e) {
                throw n.get("url").error("invalid URL: " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
        }
        int maxAlerts = n.get("max_alerts").integer().orElse(0);
        if (maxAlerts < 0) {
            throw n.get("max_alerts").error("max_alerts must not be negative");
        }
        return new WebhookConfig(n.get("send_resolved").bool().orElse(true), url,
                n.has("http_config") ? http(n.get("http_config"), files) : g.httpConfig(), maxAlerts);
    }

    private static TimeInterval timeInterval(YamlNode n) {
        String name = n.get("name").string("");
        if (name.isEmpty()) {
            throw n.error("missing name in time interval");
        }
        return new TimeInterval(name, n.get("time_intervals").mapList(s -> TimeSpecParser.parse(s.allowOnly(TIME_SPEC))));
    }
}
