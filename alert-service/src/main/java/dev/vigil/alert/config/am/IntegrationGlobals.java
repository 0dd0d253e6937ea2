package dev.vigil.alert.config.am;

import java.util.Optional;

/**
 * The {@code global} keys that only the receivers beyond email, Slack, Teams and webhooks read:
 * their API URLs (with Alertmanager's defaults) and keys.
 */
public record IntegrationGlobals(
        Optional<Secret> slackAppToken,
        String slackAppUrl,
        String pagerdutyUrl,
        String opsgenieApiUrl,
        Optional<Secret> opsgenieApiKey,
        String wechatApiUrl,
        Optional<Secret> wechatApiSecret,
        Optional<String> wechatApiCorpId,
        String victoropsApiUrl,
        Optional<Secret> victoropsApiKey,
        String telegramApiUrl,
        Optional<Secret> telegramBotToken,
        String webexApiUrl,
        Optional<String> jiraApiUrl,
        String rocketchatApiUrl,
        Optional<Secret> rocketchatToken,
        Optional<Secret> rocketchatTokenId,
        Optional<Secret> mattermostWebhookUrl) {

    /** Alertmanager's defaults: its public API URLs, no keys. */
    public static IntegrationGlobals defaults() {
        return new IntegrationGlobals(Optional.empty(), "https://slack.com/api/chat.postMessage", "https://events.pagerduty.com/v2/enqueue",
                "https://api.opsgenie.com/", Optional.empty(), "https://qyapi.weixin.qq.com/cgi-bin/", Optional.empty(), Optional.empty(),
                "https://alert.victorops.com/integrations/generic/20131114/alert/", Optional.empty(), "https://api.telegram.org",
                Optional.empty(), "https://webexapis.com/v1/messages", Optional.empty(), "https://open.rocket.chat/", Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
