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
 * Reads alertmanager.yml in Alertmanager 0.25's format and validates it the way Alertmanager
 * does: unknown fields, undefined receivers or time intervals, a root route without receiver or
 * with matchers, bad matchers and durations all fail with a {@link ConfigException} that names
 * the place. Receivers get the global defaults (SMTP, Slack URL) and Alertmanager's default
 * templates filled in.
 */
public final class AlertmanagerConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> TOP = Set.of("global", "route", "inhibit_rules", "receivers",
            "templates", "time_intervals", "mute_time_intervals");
    private static final Set<String> GLOBAL = Set.of("resolve_timeout", "smtp_from", "smtp_smarthost",
            "smtp_hello", "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_identity",
            "smtp_auth_secret", "smtp_auth_secret_file", "smtp_require_tls", "slack_api_url", "slack_api_url_file", "http_config");
    private static final Set<String> ROUTE = Set.of("receiver", "group_by", "matchers", "match", "match_re",
            "continue", "group_wait", "group_interval", "repeat_interval", "mute_time_intervals",
            "active_time_intervals", "routes");
    private static final Set<String> INHIBIT = Set.of("source_matchers", "target_matchers", "source_match",
            "source_match_re", "target_match", "target_match_re", "equal");
    private static final Set<String> RECEIVER = Set.of("name", "email_configs", "slack_configs",
            "msteams_configs", "webhook_configs");
    private static final Set<String> EMAIL = Set.of("send_resolved", "to", "from", "hello", "smarthost",
            "auth_username", "auth_password", "auth_password_file", "auth_secret", "auth_secret_file", "auth_identity", "require_tls",
            "headers", "html", "text");
    private static final Set<String> SLACK = Set.of("send_resolved", "api_url", "api_url_file", "http_config", "channel",
            "username", "color", "title", "title_link", "pretext", "text", "fallback", "callback_id", "footer",
            "icon_emoji", "icon_url", "link_names", "mrkdwn_in");
    private static final Set<String> MSTEAMS = Set.of("send_resolved", "webhook_url", "webhook_url_file", "http_config", "title",
            "summary", "text");
    private static final Set<String> WEBHOOK = Set.of("send_resolved", "url", "url_file", "http_config", "max_alerts");
    private static final Set<String> HTTP = Set.of("basic_auth", "authorization", "bearer_token", "bearer_token_file", "proxy_url");
    private static final Set<String> TIME_INTERVAL = Set.of("name", "time_intervals");
    private static final Set<String> TIME_SPEC = Set.of("times", "weekdays", "days_of_month", "months", "years",
            "location");

    private AlertmanagerConfigLoader() {
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
        YamlNode top = new YamlNode(root, "").allowOnly(TOP);
        GlobalConfig global = global(top.get("global").allowOnly(GLOBAL), files);

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
                files.read(g, "slack_api_url"),
                http(g.get("http_config"), files));
    }

    private static HttpClientConfig http(YamlNode h, SecretFiles files) {
        if (h.isMissing()) {
            return HttpClientConfig.NONE;
        }
        h.allowOnly(HTTP);
        YamlNode basic = h.get("basic_auth").allowOnly(Set.of("username", "password", "password_file"));
        YamlNode auth = h.get("authorization").allowOnly(Set.of("type", "credentials", "credentials_file"));
        Optional<Secret> bearer = files.read(h, "bearer_token");
        if (bearer.isPresent() && !auth.isMissing()) {
            throw h.error("at most one of bearer_token & authorization must be configured");
        }
        if (!basic.isMissing() && (bearer.isPresent() || !auth.isMissing())) {
            throw h.error("at most one of basic_auth, bearer_token & authorization must be configured");
        }
        String type = auth.get("type").string("Bearer");
        if (type.equalsIgnoreCase("basic")) {
            throw h.error("authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        return new HttpClientConfig(
                basic.isMissing() ? Optional.empty() : Optional.of(basic.get("username").string("")),
                files.read(basic, "password").orElse(Secret.of("")),
                type,
                bearer.or(() -> files.read(auth, "credentials")).orElse(Secret.of("")),
                h.get("proxy_url").string());
    }

    private static RouteConfig route(YamlNode n) {
        n.allowOnly(ROUTE);
        Optional<List<String>> groupBy = n.has("group_by") ? Optional.of(n.get("group_by").strings()) : Optional.empty();
        groupBy.ifPresent(list -> checkGroupBy(n.get("group_by"), list));
        List<LabelMatcher> matchers = new ArrayList<>();
        n.get("match").stringMap().forEach((k, v) -> matchers.add(matcher(n.get("match"), MatchType.EQUAL, k, v)));
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

    private static void checkGroupBy(YamlNode n, List<String> groupBy) {
        Set<String> seen = new HashSet<>();
        for (String l : groupBy) {
            if (l.equals("...")) {
                if (groupBy.size() > 1) {
                    throw n.error("cannot have wildcard group_by (`...`) and other other labels at the same time");
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
        return new ReceiverConfig(name,
                n.get("email_configs").mapList(e -> email(e.allowOnly(EMAIL), g, files)),
                n.get("slack_configs").mapList(s -> slack(s.allowOnly(SLACK), g, files)),
                n.get("msteams_configs").mapList(t -> msteams(t.allowOnly(MSTEAMS), g, files)),
                n.get("webhook_configs").mapList(w -> webhook(w.allowOnly(WEBHOOK), g, files)));
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
        Secret url = files.read(n, "api_url").or(g::slackApiUrl)
                .orElseThrow(() -> n.error("no global Slack API URL set"));
        return new SlackConfig(
                n.get("send_resolved").bool().orElse(false),
                url,
                n.has("http_config") ? http(n.get("http_config"), files) : g.httpConfig(),
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
        String url = files.read(n, "url").map(Secret::value)
                .orElseThrow(() -> n.error("one of url or url_file must be configured"));
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw n.get("url").error("unsupported scheme for URL, must be http or https");
        }
        int maxAlerts = n.get("max_alerts").integer().orElse(0);
        if (maxAlerts < 0) {
            throw n.get("max_alerts").error("max_alerts must not be negative");
        }
        return new WebhookConfig(n.get("send_resolved").bool().orElse(true), Secret.of(url),
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
