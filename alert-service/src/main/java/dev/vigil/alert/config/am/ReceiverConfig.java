package dev.vigil.alert.config.am;

import java.util.List;

/** A named receiver and its integrations, in file order; {@code integrations} holds the types beyond the four typed lists. */
public record ReceiverConfig(
        String name,
        List<EmailConfig> emailConfigs,
        List<SlackConfig> slackConfigs,
        List<MsTeamsConfig> msteamsConfigs,
        List<WebhookConfig> webhookConfigs,
        List<IntegrationConfig> integrations) {

    public ReceiverConfig {
        emailConfigs = List.copyOf(emailConfigs);
        slackConfigs = List.copyOf(slackConfigs);
        msteamsConfigs = List.copyOf(msteamsConfigs);
        webhookConfigs = List.copyOf(webhookConfigs);
        integrations = List.copyOf(integrations);
    }

    /** A receiver with no integration: alerts routed to it are dropped on purpose ("blackhole"). */
    public boolean isEmpty() {
        return emailConfigs.isEmpty() && slackConfigs.isEmpty() && msteamsConfigs.isEmpty() && webhookConfigs.isEmpty()
                && integrations.isEmpty();
    }
}
