package dev.vigil.alert.config.am;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alertmanager's own configuration test files (config/testdata, vendored unchanged in
 * am/testdata): each loads or is refused as Alertmanager 0.32's config_test.go expects, refused
 * ones with Alertmanager's message.
 */
class AlertmanagerTestdataTest {
    /** File → the message Alertmanager refuses it with, or "" when it loads. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("conf.good.yml", "");
        EXPECTED.put("conf.empty-fields.yml", "");
        EXPECTED.put("conf.http-config.good.yml", "");
        EXPECTED.put("conf.group-by-all.yml", "");
        EXPECTED.put("conf.smtp-both-password-and-file.yml", "at most one of smtp_auth_password & smtp_auth_password_file must be configured");
        EXPECTED.put("conf.smtp-no-username-or-password.yml", "");
        EXPECTED.put("conf.smtp-password-global-and-local.yml", "");
        EXPECTED.put("conf.smtp-no-password.yml", "");
        EXPECTED.put("conf.smtp.both_passwords_set.yml", "at most one of smtp_auth_password & smtp_auth_password_file must be configured");
        EXPECTED.put("conf.smtp.both_secrets_set.yml", "at most one of smtp_auth_secret & smtp_auth_secret_file must be configured");
        EXPECTED.put("conf.victorops-default-apikey.yml", "");
        EXPECTED.put("conf.victorops-default-apikey-file.yml", "");
        EXPECTED.put("conf.victorops-both-file-and-apikey.yml", "at most one of victorops_api_key & victorops_api_key_file must be configured");
        EXPECTED.put("conf.victorops-no-apikey.yml", "no global VictorOps API Key set");
        EXPECTED.put("conf.telegram-default-bot-token.yml", "");
        EXPECTED.put("conf.telegram-default-bot-token-file.yml", "");
        EXPECTED.put("conf.telegram-both-bot-token-and-file.yml", "at most one of telegram_bot_token & telegram_bot_token_file must be configured");
        EXPECTED.put("conf.telegram-valid-receiver-both-bot-token-and-file.yml",
                "at most one of telegram_bot_token & telegram_bot_token_file must be configured");
        EXPECTED.put("conf.telegram-no-bot-token.yml", "missing bot_token or bot_token_file on telegram_config");
        EXPECTED.put("conf.opsgenie-default-apikey.yml", "");
        EXPECTED.put("conf.opsgenie-default-apikey-file.yml", "");
        EXPECTED.put("conf.opsgenie-both-file-and-apikey.yml", "at most one of opsgenie_api_key & opsgenie_api_key_file must be configured");
        EXPECTED.put("conf.opsgenie-no-apikey.yml", "no global OpsGenie API Key set either inline or in a file");
        EXPECTED.put("conf.opsgenie-default-apikey-old-team.yml", "field teams not found");
        EXPECTED.put("conf.slack-both-file-and-url.yml", "at most one of slack_api_url & slack_api_url_file must be configured");
        EXPECTED.put("conf.slack-both-file-and-token.yml", "at most one of slack_app_token & slack_app_token_file must be configured");
        EXPECTED.put("conf.slack-both-url-and-token.yml",
                "at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured");
        EXPECTED.put("conf.slack-update-message-and-webhook.yml",
                "update_message can only be used with bot tokens. api_url must be set to https://slack.com/api/chat.postMessage");
        EXPECTED.put("conf.slack-default-app-token.yml", "");
        EXPECTED.put("conf.slack-no-api-url-or-token.yml", "no Slack API URL nor App token set either inline or in a file");
        EXPECTED.put("conf.slack-default-api-url-file.yml", "");
        EXPECTED.put("conf.sns-topic-arn.yml", "");
        EXPECTED.put("conf.sns-invalid.yml", "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        EXPECTED.put("conf.rocketchat-default-token.yml", "");
        EXPECTED.put("conf.rocketchat-default-token-file.yml", "");
        EXPECTED.put("conf.rocketchat-both-token-and-tokenfile.yml", "at most one of rocketchat_token & rocketchat_token_file must be configured");
        EXPECTED.put("conf.rocketchat-both-tokenid-and-tokenidfile.yml",
                "at most one of rocketchat_token_id & rocketchat_token_id_file must be configured");
        EXPECTED.put("conf.rocketchat-no-token.yml", "no global Rocketchat Token set either inline or in a file");
        EXPECTED.put("conf.nil-match_re-route.yml", "invalid regexp value for \"invalid_label\"");
        EXPECTED.put("conf.nil-source_match_re-inhibition.yml", "invalid_source_label");
        EXPECTED.put("conf.nil-target_match_re-inhibition.yml", "invalid_target_label");
        EXPECTED.put("conf.inhibit-equal.yml", "");
        EXPECTED.put("conf.inhibit-equal-utf8.yml", "in equal list");
        EXPECTED.put("conf.wechat-no-api-secret.yml", "no global Wechat Api Secret set either inline or in a file");
        EXPECTED.put("conf.wechat-both-file-and-secret.yml", "at most one of wechat_api_secret & wechat_api_secret_file must be configured");
        EXPECTED.put("conf.wechat-default-api-secret-file.yml", "");
        EXPECTED.put("conf.mattermost-default-webhook-url.yml", "");
        EXPECTED.put("conf.mattermost-default-webhook-url-file.yml", "");
        EXPECTED.put("conf.mattermost-both-webhook-url-and-file.yml",
                "at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured");
        EXPECTED.put("conf.mattermost-valid-receiver-both-webhook-url-and-file.yml",
                "at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured");
        EXPECTED.put("conf.mattermost-no-webhook-url.yml", "missing webhook_url or webhook_url_file on mattermost_config");
        EXPECTED.put("conf.jira-legacy-labels.yml", "");
    }

    static String testdata(String name) throws IOException {
        try (InputStream in = AlertmanagerTestdataTest.class.getResourceAsStream("/am/testdata/" + name)) {
            if (in == null) {
                throw new IOException("no am/testdata/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyFileLoadsOrIsRefusedAsAlertmanagerDoes() throws IOException {
        int loaded = 0;
        int refused = 0;
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            String yaml = testdata(e.getKey());
            if (e.getValue().isEmpty()) {
                try {
                    AlertmanagerConfigLoader.parse(yaml);
                } catch (ConfigException ex) {
                    throw new AssertionError(e.getKey() + " loads in Alertmanager, here: " + ex.getMessage(), ex);
                }
                loaded++;
            } else {
                ConfigException ex = assertThrows(ConfigException.class, () -> AlertmanagerConfigLoader.parse(yaml), e.getKey());
                assertTrue(ex.getMessage().contains(e.getValue()), e.getKey() + ": expected \"" + e.getValue() + "\", got " + ex.getMessage());
                refused++;
            }
        }
        assertEquals(EXPECTED.size(), loaded + refused);
        assertTrue(loaded >= 20 && refused >= 25, loaded + " loaded, " + refused + " refused");
    }

    @Test
    void theGoodFileHasEveryIntegrationItNamesWithAlertmanagersDefaults() throws IOException {
        AlertmanagerConfig c = AlertmanagerConfigLoader.parse(testdata("conf.good.yml"));
        ReceiverConfig pager = c.receiver("team-X-pager").orElseThrow();
        IntegrationConfig pd = pager.integrations().get(0);
        assertEquals("pagerduty", pd.type());
        assertEquals("https://events.pagerduty.com/v2/enqueue", pd.string("url"));
        assertEquals("{{ template \"pagerduty.default.client\" . }}", pd.string("source"), "source defaults to the client");
        assertTrue(pd.sendResolved());
        IntegrationConfig og = c.receiver("opsGenie-receiver").orElseThrow().integrations().get(0);
        assertEquals("https://api.opsgenie.com/", og.string("api_url"));
        assertEquals("host.example.org", c.global().smtpHello());
    }

    /**
     * Alertmanager's own example configurations (doc/examples/simple.yml and examples/ha of the
     * release, vendored in am/examples) load, with the routing tree and receivers they describe.
     */
    @Test
    void alertmanagersExampleConfigurationsLoad() throws IOException {
        AlertmanagerConfig simple = AlertmanagerConfigLoader.parse(example("simple.yml"));
        assertEquals(List.of("team-X-mails", "team-X-pager", "team-Y-mails", "team-Y-pager", "team-DB-pager"),
                simple.receivers().stream().map(ReceiverConfig::name).toList());
        assertEquals(3, simple.route().routes().size());
        assertEquals(List.of("alertname", "cluster", "database"), simple.route().routes().get(2).groupBy().orElseThrow());
        assertTrue(simple.route().routes().get(2).routes().get(0).continueMatching());
        ReceiverConfig pager = simple.receiver("team-X-pager").orElseThrow();
        assertEquals(List.of("team-X+alerts-critical@example.org"), pager.emailConfigs().stream().map(EmailConfig::to).toList());
        assertEquals("localhost:25", pager.emailConfigs().get(0).smarthost(), "the global smarthost is filled in");
        assertEquals(List.of("pagerduty"), pager.integrations().stream().map(IntegrationConfig::type).toList());
        assertEquals("<team-X-key>", pager.integrations().get(0).secret("service_key").value());
        assertEquals(1, simple.inhibitRules().size());

        AlertmanagerConfig ha = AlertmanagerConfigLoader.parse(example("ha/alertmanager.yml"));
        assertEquals("web.hook", ha.route().receiver().orElseThrow());
        assertEquals(java.time.Duration.ofHours(1), ha.route().repeatInterval().orElseThrow());
    }

    private static String example(String name) throws IOException {
        try (InputStream in = AlertmanagerTestdataTest.class.getResourceAsStream("/am/examples/" + name)) {
            if (in == null) {
                throw new IOException("no am/examples/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"discord", "email", "incidentio", "pagerduty", "webhook", "pushover", "victorops", "sns", "telegram", "webex",
            "msteams", "msteamsv2", "jira", "mattermost", "slack", "opsgenie", "wechat", "rocketchat"})
    void anEmptyIntegrationEntryIsRefusedAsAlertmanagerRefusesIt(String type) {
        String yaml = "global:\nroute:\n  receiver: 'test-receiver'\nreceivers:\n- name: 'test-receiver'\n  " + type + "_configs:\n  -\n";
        Map<String, String> special = Map.of(
                "slack", "no Slack API URL nor App token set either inline or in a file",
                "opsgenie", "no global OpsGenie API Key set either inline or in a file",
                "wechat", "no global Wechat Api Secret set either inline or in a file",
                "rocketchat", "no global Rocketchat TokenID set either inline or in a file");
        ConfigException e = assertThrows(ConfigException.class, () -> AlertmanagerConfigLoader.parse(yaml));
        String expected = special.getOrDefault(type, "missing " + type + " config");
        assertTrue(e.getMessage().contains(expected), type + ": " + e.getMessage());
    }

    @Test
    void inlineCasesOfAlertmanagersConfigTest() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "no route provided in config");
        cases.put("route: {group_wait: 30s}", "root route must specify a default receiver");
        cases.put("route: {receiver: a}\nreceivers: [{name: ''}]", "missing name in receiver");
        cases.put("route: {receiver: a, routes: [{receiver: a, group_by: [cluster, cluster]}]}\nreceivers: [{name: a}]",
                "duplicated label \"cluster\" in group_by");
        cases.put("route: {receiver: a, routes: [{receiver: a, group_by: [a, '...']}]}\nreceivers: [{name: a}]",
                "cannot have wildcard group_by (`...`) and other labels at the same time");
        cases.put("route: {receiver: a, routes: [{receiver: a, group_by: ['-invalid-']}]}\nreceivers: [{name: a}]",
                "invalid label name \"-invalid-\" in group_by list");
        cases.put("route: {receiver: a, group_interval: 0s}\nreceivers: [{name: a}]", "group_interval cannot be zero");
        cases.put("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'ftp://example.com/'}]}]", "unsupported scheme");
        cases.put("route: {receiver: a}\nreceivers: [{name: a, email_configs: [{to: x@y, smarthost: localhost, from: a@b}]}]",
                "missing port in address");
        cases.put("route: {receiver: a}\nreceivers: [{name: a, webex_configs: [{room_id: r}]}]", "missing webex_configs.http_config.authorization");
        cases.put("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://x/', http_config: {basic_auth: {username: u},"
                + " bearer_token: t}}]}]", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        cases.put("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://x/', http_config: {no_proxy: x}}]}]",
                "if no_proxy is configured, proxy_url must also be configured");
        cases.put("route: {receiver: a}\ntracing: {client_type: udp, endpoint: x}\nreceivers: [{name: a}]",
                "expected tracing client type to be to be http or grpc, but got udp");
        cases.forEach((yaml, expected) -> {
            ConfigException e = assertThrows(ConfigException.class, () -> AlertmanagerConfigLoader.parse(yaml), yaml);
            assertTrue(e.getMessage().contains(expected), yaml + ": expected \"" + expected + "\", got " + e.getMessage());
        });
        for (String ok : List.of(
                "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://example.com/{{ .GroupLabels.alertname }}'}]}]",
                "route: {receiver: a}\nreceivers: [{name: a, email_configs: [{to: x@y, smarthost: '[fd12:3456:789a::1]:25', from: a@b}]}]",
                "route: {receiver: a}\nreceivers: [{name: a, sns_configs: [{topic_arn: t, target_arn: u, phone_number: p}]}]")) {
            AlertmanagerConfigLoader.parse(ok);
        }
    }
}
